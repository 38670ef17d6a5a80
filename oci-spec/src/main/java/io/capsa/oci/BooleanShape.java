package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/** A JSON boolean. */
final class BooleanShape implements Shape {
  static final BooleanShape INSTANCE = new BooleanShape();

  private BooleanShape() {}

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isBoolean()) {
      problems.mismatch(path, "a boolean", node);
      return null;
    }
    return node.booleanValue();
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    return BooleanNode.valueOf((Boolean) value);
  }
}
