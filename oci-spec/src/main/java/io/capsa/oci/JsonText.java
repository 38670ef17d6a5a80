package io.capsa.oci;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.regex.Pattern;

/** Turns text into JSON trees and back, strictly when reading and in runc's layout when writing. */
final class JsonText {
  /**
   * Duplicate members are rejected: which one wins differs between parsers, so a document with them
   * means different things to different runtimes. Numbers with a fraction or exponent keep their
   * exact text (2.50 stays 2.50), in unknown fields and in problem messages.
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** Go's json.MarshalIndent(v, "", "\t"), which runc uses: tabs, "key": value, empty [] and {}. */
  private static final ObjectWriter RUNC_LAYOUT =
      MAPPER.writer(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withObjectEmptySeparator("")
                      .withArrayEmptySeparator(""))
              .withObjectIndenter(new DefaultIndenter("\t", "\n"))
              .withArrayIndenter(new DefaultIndenter("\t", "\n")));

  private static final Pattern SOURCE_REFERENCE =
      Pattern.compile("\\[Source: [^\\]]*line: (\\d+), column: (\\d+)\\]");

  private JsonText() {}

  /** The tree of a whole document, or {@code null} after reporting where the text is not JSON. */
  static JsonNode parseDocument(String text, Problems problems) {
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree.isMissingNode()) {
        problems.add(JsonPath.ROOT, "the document is empty");
        return null;
      }
      return tree;
    } catch (JsonProcessingException e) {
      problems.add(pathOf(e), "malformed JSON" + at(e.getLocation()) + ": " + reason(e));
      return null;
    }
  }

  /** The tree of an unknown field's text, or {@code null} after reporting that it is not JSON. */
  static JsonNode parseFragment(String text, JsonPath path, Problems problems) {
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (!tree.isMissingNode()) {
        return tree;
      }
      problems.add(path, "is empty text, not a JSON value");
    } catch (JsonProcessingException e) {
      problems.add(path, "is not valid JSON" + at(e.getLocation()) + ": " + reason(e));
    }
    return null;
  }

  static String print(JsonNode tree) {
    try {
      return RUNC_LAYOUT.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a JSON tree", e);
    }
  }

  /**
   * Jackson's reason, with each "[Source: REDACTED ...; line: 3, column: 5]" cut to its line and
   * column.
   */
  private static String reason(JsonProcessingException e) {
    String reason =
        Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
    return SOURCE_REFERENCE.matcher(reason).replaceAll("line $1, column $2");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Where in the document the parser stood when it failed. */
  private static JsonPath pathOf(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return JsonPath.ROOT;
    }
    Deque<JsonStreamContext> contexts = new ArrayDeque<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null;
        context = context.getParent()) {
      contexts.push(context);
    }
    JsonPath path = JsonPath.ROOT;
    for (JsonStreamContext context : contexts) {
      if (context.inArray()) {
        path = path.index(Math.max(context.getCurrentIndex(), 0));
      } else if (context.inObject() && context.getCurrentName() != null) {
        path = path.member(context.getCurrentName());
      }
    }
    return path;
  }
}
