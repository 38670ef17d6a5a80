package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one read or write, so that a caller hears about all of them at once.
 */
final class Problems {
  private static final int SHOWN_TEXT = 80;

  private final List<Problem> found = new ArrayList<>();

  void add(JsonPath path, String message) {
    found.add(new Problem(path.toString(), message));
  }

  /** Reports a value of the wrong JSON type, naming what was expected and what was there. */
  void mismatch(JsonPath path, String expected, JsonNode actual) {
    add(path, "must be " + expected + ", was " + describe(actual));
  }

  int count() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<Problem> list() {
    return List.copyOf(found);
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    String json = JsonText.compact(node);
    return json.length() <= SHOWN_TEXT ? json : json.substring(0, SHOWN_TEXT) + "...";
  }
}
