package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** A JSON array whose elements share one shape, with the schema's minimum length. */
final class ListShape implements Shape {
  private final Shape element;
  private final int minItems;

  ListShape(Shape element, int minItems) {
    this.element = element;
    this.minItems = minItems;
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isArray()) {
      problems.mismatch(path, "an array", node);
      return null;
    }
    if (node.size() < minItems) {
      problems.add(
          path, "must have at least " + minItems + (minItems == 1 ? " element" : " elements"));
      return null;
    }
    int before = problems.count();
    List<Object> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(element.read(node.get(i), path.index(i), problems));
    }
    return problems.count() == before ? List.copyOf(values) : null;
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    List<?> values = (List<?>) value;
    for (int i = 0; i < values.size(); i++) {
      array.add(element.write(values.get(i), path.index(i), problems));
    }
    return array;
  }
}
