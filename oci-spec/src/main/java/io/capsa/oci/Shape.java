package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;

/** How one Java type maps to JSON: reads with every problem reported, writes the spec's form. */
interface Shape {
  /**
   * The Java value of {@code node}, or {@code null} after adding a problem for each way it does not
   * fit. Never called with a JSON null member: a record treats that as absent.
   */
  Object read(JsonNode node, JsonPath path, Problems problems);

  /** The JSON form of {@code value}, adding a problem for anything that has none. */
  JsonNode write(Object value, JsonPath path, Problems problems);
}
