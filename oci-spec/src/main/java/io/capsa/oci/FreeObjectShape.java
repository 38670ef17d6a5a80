package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.schema.UnknownFields;
import java.util.Set;

/** A JSON object the spec leaves free-form (Windows' credentialSpec), kept member by member. */
final class FreeObjectShape implements Shape {
  static final FreeObjectShape INSTANCE = new FreeObjectShape();

  private FreeObjectShape() {}

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isObject()) {
      problems.mismatch(path, "an object", node);
      return null;
    }
    return UnknownMembers.collect(node, Set.of());
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    UnknownMembers.writeInto(object, (UnknownFields) value, Set.of(), path, problems);
    return object;
  }
}
