package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees as text: compact, or in the layout of Go's {@code json.MarshalIndent(v, "", "\t")},
 * which runc uses (a tab per level, {@code "key": value}, empty {@code []} and {@code {}}).
 * Strings are escaped as jackson-core escapes them: the two-character escapes for quote,
 * backslash, backspace, form feed, newline, carriage return and tab, a six-character escape with
 * upper-case hex digits for the other control characters, everything else as it is. Written
 * here for the reason {@link JsonReader} is.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out = new StringBuilder();
  private final boolean indented;

  private JsonWriter(boolean indented) {
    this.indented = indented;
  }

  static String compact(JsonNode node) {
    JsonWriter writer = new JsonWriter(false);
    writer.value(node, 0);
    return writer.out.toString();
  }

  static String runcLayout(JsonNode node) {
    JsonWriter writer = new JsonWriter(true);
    writer.value(node, 0);
    return writer.out.toString();
  }

  private void value(JsonNode node, int depth) {
    if (node.isObject()) {
      object(node, depth);
    } else if (node.isArray()) {
      array(node, depth);
    } else if (node.isTextual()) {
      string(node.textValue());
    } else if (node.isBoolean() || node.isNull() || node.isIntegralNumber()) {
      out.append(node.asText());
    } else if (node.isBigDecimal()) {
      out.append(node.decimalValue().toString());
    } else if (node.isNumber()) {
      out.append(Double.toString(node.doubleValue()));
    } else {
      throw new IllegalArgumentException("no JSON text for a " + node.getNodeType() + " node");
    }
  }

  private void object(JsonNode node, int depth) {
    out.append('{');
    Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
    if (members.hasNext()) {
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        newLine(depth + 1);
        string(member.getKey());
        out.append(indented ? ": " : ":");
        value(member.getValue(), depth + 1);
        if (members.hasNext()) {
          out.append(',');
        }
      }
      newLine(depth);
    }
    out.append('}');
  }

  private void array(JsonNode node, int depth) {
    out.append('[');
    if (!node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        newLine(depth + 1);
        value(node.get(i), depth + 1);
        if (i < node.size() - 1) {
          out.append(',');
        }
      }
      newLine(depth);
    }
    out.append(']');
  }

  private void newLine(int depth) {
    if (indented) {
      out.append('\n');
      for (int i = 0; i < depth; i++) {
        out.append('\t');
      }
    }
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
