package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.capsa.oci.schema.JsonName;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON string from the schema's enum, held as a Java enum constant. */
final class EnumShape implements Shape {
  private final Map<String, Object> constantByName = new LinkedHashMap<>();
  private final Map<Object, String> nameByConstant = new HashMap<>();

  EnumShape(Class<?> enumType) {
    for (Object constant : enumType.getEnumConstants()) {
      String name = jsonName(enumType, (Enum<?>) constant);
      constantByName.put(name, constant);
      nameByConstant.put(constant, name);
    }
  }

  private static String jsonName(Class<?> enumType, Enum<?> constant) {
    try {
      JsonName name = enumType.getField(constant.name()).getAnnotation(JsonName.class);
      return name == null ? constant.name() : name.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("enum constant without a field: " + constant, e);
    }
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    Object constant = node.isTextual() ? constantByName.get(node.textValue()) : null;
    if (constant == null) {
      problems.mismatch(path, "one of " + constantByName.keySet(), node);
    }
    return constant;
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    return TextNode.valueOf(nameByConstant.get(value));
  }
}
