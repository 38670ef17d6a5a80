package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/** A JSON string, optionally constrained by the schema's pattern. */
final class TextShape implements Shape {
  static final TextShape ANY = new TextShape(null);

  private final Pattern pattern;

  private TextShape(Pattern pattern) {
    this.pattern = pattern;
  }

  static TextShape matching(String regex) {
    return new TextShape(Pattern.compile(regex));
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isTextual()) {
      problems.mismatch(path, "a string", node);
      return null;
    }
    String text = node.textValue();
    if (pattern != null && !pattern.matcher(text).find()) {
      problems.add(path, "must match " + pattern + ", was " + Problems.describe(node));
      return null;
    }
    return text;
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    return TextNode.valueOf((String) value);
  }
}
