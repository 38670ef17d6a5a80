package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON reader and writer against jackson-databind, which OciJson used before them: the same
 * trees from the same text, the same compact text from the same tree, and the limits.
 */
class JsonReaderWriterTest {
  private static final JsonMapper JACKSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private static List<String> documents() {
    return List.of(
        SpecFixtures.resource("every-member.json"),
        SpecFixtures.resource("image-config.json"),
        OciJson.write(Spec.example()),
        "{\"a\": [1, -2, 2147483648, -9223372036854775808, 123456789012345678901234567890,"
            + " 2.50, -0.0, 1e3, 1.5E-7], \"b\": {\"\": null, \"t\": true, \"f\": false}}",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u001f\\ud83d\\ude00 é \u20ac\"",
        "[]",
        " {} ",
        "-7");
  }

  @Test
  void readsTheTreesJacksonReads() throws Exception {
    for (String document : documents()) {
      assertEquals(JACKSON.readTree(document), JsonReader.read(document), document);
    }
  }

  @Test
  void writesTheCompactTextJacksonWrites() throws Exception {
    for (String document : documents()) {
      JsonNode tree = JACKSON.readTree(document);
      assertEquals(JACKSON.writeValueAsString(tree), JsonWriter.compact(tree), document);
    }
  }

  @Test
  void integersTakeTheSmallestNodeAndFractionsKeepTheirText() throws Exception {
    JsonNode numbers = JsonReader.read("[1, 2147483648, 9223372036854775808, 2.50]");
    assertEquals(IntNode.class, numbers.get(0).getClass());
    assertEquals(LongNode.class, numbers.get(1).getClass());
    assertEquals(BigIntegerNode.class, numbers.get(2).getClass());
    assertEquals("[1,2147483648,9223372036854775808,2.50]", JsonWriter.compact(numbers));
  }

  @Test
  void controlCharactersAreEscapedWithUpperCaseHex() throws Exception {
    assertEquals("\"\\u001F\\t\"", JsonWriter.compact(JsonReader.read("\"\\u001f\\t\"")));
  }

  @Test
  void whiteSpaceAloneIsNoValue() throws Exception {
    assertNull(JsonReader.read(" \n\t "));
  }

  @Test
  void nestingIsLimitedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    JsonReader.MalformedJsonException e =
        assertThrows(JsonReader.MalformedJsonException.class, () -> JsonReader.read(deep));
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
    assertDoesNotThrow(() -> JsonReader.read(deepest));
  }

  @Test
  void errorsNameTheLineColumnAndPath() {
    JsonReader.MalformedJsonException e =
        assertThrows(
            JsonReader.MalformedJsonException.class,
            () -> JsonReader.read("{\"a\": [1,\n  tru]}"));
    assertEquals(2, e.line);
    assertEquals(3, e.column);
    assertEquals("$.a[1]", e.path.toString());
    assertTrue(e.getMessage().startsWith("Unrecognized token 'tru'"), e.getMessage());
  }

  @Test
  void whatJsonForbidsIsRefused() {
    for (String bad : List.of("{\"a\": 01}", "[1,]", "{\"a\": 1,}", "\"\u0001\"", "\"\\x\"",
        "-", "1.", "1e", "{'a': 1}", "[1] [2]", "{\"a\": 1, \"a\": 2}", "nul", "\"open",
        "1".repeat(JsonReader.MAX_NUMBER_LENGTH + 1),
        "\"" + "a".repeat(JsonReader.MAX_STRING_LENGTH + 1) + "\"")) {
      assertThrows(JsonReader.MalformedJsonException.class, () -> JsonReader.read(bad), bad);
    }
  }
}
