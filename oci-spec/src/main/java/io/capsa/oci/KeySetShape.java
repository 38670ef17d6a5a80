package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.schema.Immutable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of names written as a JSON object whose values are empty objects: the JSON form of Go's
 * {@code map[string]struct{}}, which the image spec uses for exposed ports and volumes. The spec
 * defines the values as empty, so their content is not kept.
 */
final class KeySetShape implements Shape {
  static final KeySetShape INSTANCE = new KeySetShape();

  private KeySetShape() {}

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isObject()) {
      problems.mismatch(path, "an object", node);
      return null;
    }
    int before = problems.count();
    Set<String> names = new LinkedHashSet<>();
    node.properties()
        .forEach(
            member -> {
              if (!member.getValue().isObject()) {
                problems.mismatch(path.member(member.getKey()), "an object", member.getValue());
              }
              names.add(member.getKey());
            });
    return problems.count() == before ? Immutable.set(names) : null;
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    ((Set<?>) value)
        .forEach(name -> object.set((String) name, JsonNodeFactory.instance.objectNode()));
    return object;
  }
}
