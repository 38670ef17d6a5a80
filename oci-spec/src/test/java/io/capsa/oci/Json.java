package io.capsa.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** JSON helpers for tests, independent of the code under test. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The tree of {@code text}; trees compare members regardless of order. */
  static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON written with single quotes for readability inside Java strings. */
  static String quoted(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
