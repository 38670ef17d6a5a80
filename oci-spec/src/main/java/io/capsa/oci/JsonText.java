package io.capsa.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.regex.Pattern;


/** Turns text into JSON trees and back, strictly when reading and in runc's layout when writing. */
final class JsonText {
  /**
   * Duplicate members are rejected: which one wins differs between parsers, so a document with them
   * means different things to different runtimes.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Go's json.MarshalIndent(v, "", "\t"), which runc uses: tabs, "key": value, empty [] and {}. */
  private static final DefaultPrettyPrinter RUNC_LAYOUT =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("\t", "\n"))
          .withArrayIndenter(new DefaultIndenter("\t", "\n"));

  private static final Pattern SOURCE_REFERENCE =
      Pattern.compile("\\[Source: [^\\]]*line: (\\d+), column: (\\d+)\\]");

  private JsonText() {}

  /** The tree of a whole document, or {@code null} after reporting where the text is not JSON. */
  static JsonNode parseDocument(String text, Problems problems) {
    try {
      JsonNode tree = parse(text);
      if (tree == null) {
        problems.add(JsonPath.ROOT, "the document is empty");
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
      JsonNode tree = parse(text);
      if (tree != null) {
        return tree;
      }
      problems.add(path, "is empty text, not a JSON value");
    } catch (JsonProcessingException e) {
      problems.add(path, "is not valid JSON" + at(e.getLocation()) + ": " + reason(e));
    }
    return null;
  }

  /** The one value {@code text} holds, or {@code null} for none; anything after it is refused. */
  private static JsonNode parse(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      JsonNode tree = JsonTrees.read(parser);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonParseException(parser, "Trailing token (of type " + trailing
            + ") found after the value", parser.currentTokenLocation());
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
  }

  static String print(JsonNode tree) {
    return text(tree, RUNC_LAYOUT.createInstance());
  }

  /** {@code node} as compact JSON text, as an unknown field keeps it. */
  static String compact(JsonNode node) {
    return text(node, null);
  }

  private static String text(JsonNode node, PrettyPrinter layout) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      generator.setPrettyPrinter(layout);
      JsonTrees.write(node, generator);
    } catch (IOException e) {
      throw new IllegalStateException("cannot print a JSON tree", e);
    }
    return text.toString();
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
