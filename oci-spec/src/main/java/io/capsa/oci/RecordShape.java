package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON object held as a record: one member per component, in declaration order, then the members
 * the record does not define, which its last component {@code unknownFields} keeps. A JSON null
 * member counts as absent, as it does for the Go types runc and containerd use.
 */
final class RecordShape implements Shape {
  private static final ClassValue<RecordShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
          return new RecordShape(type);
        }
      };

  /**
   * A component as a member. Its shape is found at its first use: most documents hold few of
   * the spec's records (no windows, solaris, vm, ...), and finding a shape reads the component's
   * type annotations, which a short-lived process pays for in parsing and annotation proxies.
   */
  private static final class Member {
    final String name;
    final boolean required;
    final Method accessor;
    private final RecordComponent component;
    private volatile Shape shape;

    Member(String name, boolean required, RecordComponent component) {
      this.name = name;
      this.required = required;
      this.accessor = component.getAccessor();
      this.component = component;
    }

    Shape shape() {
      Shape found = shape;
      if (found == null) {
        found = Shapes.of(component.getAnnotatedType());
        shape = found;
      }
      return found;
    }
  }

  private final List<Member> members = new ArrayList<>();
  private final Set<String> memberNames = new LinkedHashSet<>();
  private final Method unknownFields;
  private final Constructor<?> constructor;

  private RecordShape(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent last = components[components.length - 1];
    if (!last.getName().equals("unknownFields") || last.getType() != UnknownFields.class) {
      throw new IllegalStateException(
          type.getName() + " must end with UnknownFields unknownFields");
    }
    for (RecordComponent component : Arrays.copyOf(components, components.length - 1)) {
      JsonName rename = component.getAnnotation(JsonName.class);
      String name = rename == null ? component.getName() : rename.value();
      boolean required =
          component.getType().isPrimitive() || component.isAnnotationPresent(Required.class);
      members.add(new Member(name, required, component));
      memberNames.add(name);
    }
    unknownFields = last.getAccessor();
    try {
      constructor =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "record without a canonical constructor: " + type.getName(), e);
    }
  }

  static RecordShape of(Class<?> type) {
    return SHAPES.get(type);
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isObject()) {
      problems.mismatch(path, "an object", node);
      return null;
    }
    int before = problems.count();
    Object[] arguments = new Object[members.size() + 1];
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      JsonNode value = node.get(member.name);
      JsonPath at = path.member(member.name);
      if (value != null && !value.isNull()) {
        arguments[i] = member.shape().read(value, at, problems);
      } else if (member.required) {
        problems.add(at, "is required");
      }
    }
    arguments[members.size()] = UnknownMembers.collect(node, memberNames);
    return problems.count() == before ? construct(arguments, path, problems) : null;
  }

  private Object construct(Object[] arguments, JsonPath path, Problems problems) {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        problems.add(path, invalid.getMessage());
        return null;
      }
      throw new IllegalStateException(
          "cannot construct " + constructor.getDeclaringClass(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + constructor.getDeclaringClass(), e);
    }
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Member member : members) {
      Object memberValue = get(member.accessor, value);
      if (memberValue != null) {
        object.set(
            member.name, member.shape().write(memberValue, path.member(member.name), problems));
      }
    }
    UnknownMembers.writeInto(
        object, (UnknownFields) get(unknownFields, value), memberNames, path, problems);
    return object;
  }

  private static Object get(Method accessor, Object record) {
    try {
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + accessor, e);
    }
  }
}
