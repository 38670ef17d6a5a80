package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.schema.Immutable;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object used as a map from member name to values of one shape, in document order. */
final class MapShape implements Shape {
  private final Shape value;

  MapShape(Shape value) {
    this.value = value;
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isObject()) {
      problems.mismatch(path, "an object", node);
      return null;
    }
    int before = problems.count();
    Map<String, Object> values = new LinkedHashMap<>();
    node.properties()
        .forEach(
            member ->
                values.put(
                    member.getKey(),
                    value.read(member.getValue(), path.member(member.getKey()), problems)));
    return problems.count() == before ? Immutable.map(values) : null;
  }

  @Override
  public JsonNode write(Object map, JsonPath path, Problems problems) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    ((Map<?, ?>) map)
        .forEach(
            (name, element) ->
                object.set(
                    (String) name, value.write(element, path.member((String) name), problems)));
    return object;
  }
}
