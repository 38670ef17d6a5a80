package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns text into JSON trees and back, strictly when reading and in runc's layout when writing. */
final class JsonText {

  private JsonText() {}

  /** The tree of a whole document, or {@code null} after reporting where the text is not JSON. */
  static JsonNode parseDocument(String text, Problems problems) {
    try {
      JsonNode tree = JsonReader.read(text);
      if (tree == null) {
        problems.add(JsonPath.ROOT, "the document is empty");
      }
      return tree;
    } catch (JsonReader.MalformedJsonException e) {
      problems.add(e.path, "malformed JSON" + at(e) + ": " + e.getMessage());
      return null;
    }
  }

  /** The tree of an unknown field's text, or {@code null} after reporting that it is not JSON. */
  static JsonNode parseFragment(String text, JsonPath path, Problems problems) {
    try {
      JsonNode tree = JsonReader.read(text);
      if (tree != null) {
        return tree;
      }
      problems.add(path, "is empty text, not a JSON value");
    } catch (JsonReader.MalformedJsonException e) {
      problems.add(path, "is not valid JSON" + at(e) + ": " + e.getMessage());
    }
    return null;
  }

  static String print(JsonNode tree) {
    return JsonWriter.runcLayout(tree);
  }

  /** {@code node} as compact JSON text, as an unknown field keeps it. */
  static String compact(JsonNode node) {
    return JsonWriter.compact(node);
  }

  private static String at(JsonReader.MalformedJsonException e) {
    return " at line " + e.line + ", column " + e.column;
  }
}
