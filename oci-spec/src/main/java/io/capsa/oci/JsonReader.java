package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict JSON (RFC 8259) read into Jackson's tree nodes. Written here rather than taken from
 * jackson-core, whose parser's class initialisation (BigDecimal's tables among it) costs every
 * short-lived capsa command about ten milliseconds before the first token. Duplicate members are
 * refused (parsers disagree on which one wins), nesting is limited as jackson-core limits it, and
 * integers become int, long or big integer nodes by size, while numbers with a fraction or
 * exponent keep their exact text (2.50 stays 2.50). A failure names its line, column and the
 * JSON path it was reading.
 */
final class JsonReader {
  /** jackson-core's default limit: deeper documents are an attack on the reader, not configs. */
  static final int MAX_DEPTH = 1000;
  /** jackson-core's default limit too: BigInteger parsing of longer numbers is quadratic. */
  static final int MAX_NUMBER_LENGTH = 1000;
  /** jackson-core's default limit as well: no member of a config is anywhere near as long. */
  static final int MAX_STRING_LENGTH = 20_000_000;

  /** Where the text stops being JSON, and why. */
  static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    final int line;
    final int column;
    final JsonPath path;

    MalformedJsonException(String reason, int line, int column, JsonPath path) {
      super(reason, null, false, false);
      this.line = line;
      this.column = column;
      this.path = path;
    }
  }

  private final String text;
  private int position;
  private int line = 1;
  private int lineStart;
  /** The member names (String) and element indexes (Integer) leading to the current value. */
  private final List<Object> path = new ArrayList<>();

  private JsonReader(String text) {
    this.text = text;
  }

  /** The one value {@code text} holds, or {@code null} when it holds only white space. */
  static JsonNode read(String text) throws MalformedJsonException {
    JsonReader reader = new JsonReader(text);
    reader.skipWhiteSpace();
    if (reader.atEnd()) {
      return null;
    }
    JsonNode value = reader.value(0);
    reader.skipWhiteSpace();
    if (!reader.atEnd()) {
      throw reader.error("Trailing token " + reader.describeNext() + " found after the value");
    }
    return value;
  }

  private JsonNode value(int depth) throws MalformedJsonException {
    if (atEnd()) {
      throw error("Unexpected end of input: expected a value");
    }
    char c = text.charAt(position);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return TextNode.valueOf(string());
      case 't':
        literal("true");
        return BooleanNode.TRUE;
      case 'f':
        literal("false");
        return BooleanNode.FALSE;
      case 'n':
        literal("null");
        return NullNode.getInstance();
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("Unexpected character " + describeNext()
            + ": expected a value (a string, number, object, array, true, false or null)");
    }
  }

  private ObjectNode object(int depth) throws MalformedJsonException {
    checkDepth(depth);
    position++;
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    skipWhiteSpace();
    if (next() == '}') {
      position++;
      return object;
    }
    while (true) {
      if (next() != '"') {
        throw unexpected("a double quote to start a member name");
      }
      int nameLine = line;
      int nameColumn = column();
      String name = string();
      path.add(name);
      if (object.has(name)) {
        throw new MalformedJsonException("Duplicate field '" + name + "'", nameLine, nameColumn,
            currentPath());
      }
      skipWhiteSpace();
      if (next() != ':') {
        throw unexpected("a colon after the member name");
      }
      position++;
      skipWhiteSpace();
      object.set(name, value(depth));
      path.remove(path.size() - 1);
      skipWhiteSpace();
      char separator = next();
      position++;
      if (separator == '}') {
        return object;
      }
      if (separator != ',') {
        position--;
        throw unexpected("a comma or the object's end");
      }
      skipWhiteSpace();
    }
  }

  private ArrayNode array(int depth) throws MalformedJsonException {
    checkDepth(depth);
    position++;
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    skipWhiteSpace();
    if (next() == ']') {
      position++;
      return array;
    }
    while (true) {
      path.add(array.size());
      array.add(value(depth));
      path.remove(path.size() - 1);
      skipWhiteSpace();
      char separator = next();
      position++;
      if (separator == ']') {
        return array;
      }
      if (separator != ',') {
        position--;
        throw unexpected("a comma or the array's end");
      }
      skipWhiteSpace();
      path.add(array.size());
      if (next() == ']') {
        throw unexpected("a value after the comma");
      }
      path.remove(path.size() - 1);
    }
  }

  private void checkDepth(int depth) throws MalformedJsonException {
    if (depth > MAX_DEPTH) {
      throw error("Document nesting depth exceeds the maximum allowed (" + MAX_DEPTH + ")");
    }
  }

  /** The string starting at the current double quote, with its escapes resolved. */
  private String string() throws MalformedJsonException {
    position++;
    StringBuilder value = null;
    int start = position;
    while (true) {
      if (atEnd()) {
        throw error("Unexpected end of input in a string");
      }
      char c = text.charAt(position);
      if (c == '"') {
        String tail = text.substring(start, position);
        position++;
        String string = value == null ? tail : value.append(tail).toString();
        if (string.length() > MAX_STRING_LENGTH) {
          throw error("String value length (" + string.length()
              + ") exceeds the maximum allowed (" + MAX_STRING_LENGTH + ")");
        }
        return string;
      }
      if (c < 0x20) {
        throw error("Illegal unquoted character (code " + (int) c
            + "): control characters must be escaped in a string");
      }
      if (c == '\\') {
        if (value == null) {
          value = new StringBuilder();
        }
        value.append(text, start, position);
        position++;
        value.append(escape());
        start = position;
      } else {
        position++;
      }
    }
  }

  private char escape() throws MalformedJsonException {
    if (atEnd()) {
      throw error("Unexpected end of input in a character escape");
    }
    char c = text.charAt(position);
    position++;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        if (position + 4 > text.length()) {
          throw error("Unexpected end of input in a \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(position), 16);
          if (digit < 0) {
            throw unexpected("a hexadecimal digit of a \\u escape");
          }
          code = code * 16 + digit;
          position++;
        }
        return (char) code;
      default:
        position--;
        throw error("Unrecognized character escape " + describeNext());
    }
  }

  private void literal(String word) throws MalformedJsonException {
    int end = position;
    while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
      end++;
    }
    if (!text.substring(position, end).equals(word)) {
      throw error("Unrecognized token '" + text.substring(position, end)
          + "': expected true, false, null, a number, a string, an array or an object");
    }
    position = end;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private JsonNode number() throws MalformedJsonException {
    int start = position;
    if (next() == '-') {
      position++;
    }
    if (next() == '0') {
      position++;
      if (isDigit(next())) {
        throw error("Invalid numeric value: leading zeroes not allowed");
      }
    } else {
      digits("a digit");
    }
    boolean integral = true;
    if (next() == '.') {
      integral = false;
      position++;
      digits("a digit after the decimal point");
    }
    if (next() == 'e' || next() == 'E') {
      integral = false;
      position++;
      if (next() == '+' || next() == '-') {
        position++;
      }
      digits("a digit of the exponent");
    }
    if (position - start > MAX_NUMBER_LENGTH) {
      position = start;
      throw error("Number value length exceeds the maximum allowed (" + MAX_NUMBER_LENGTH + ")");
    }
    String number = text.substring(start, position);
    if (!integral) {
      return DecimalNode.valueOf(new BigDecimal(number));
    }
    if (number.length() <= 18) {
      long value = Long.parseLong(number);
      return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
    BigInteger value = new BigInteger(number);
    return value.bitLength() < Long.SIZE
        ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
  }

  private void digits(String expected) throws MalformedJsonException {
    if (!isDigit(next())) {
      throw unexpected(expected);
    }
    while (isDigit(next())) {
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhiteSpace() {
    while (!atEnd()) {
      char c = text.charAt(position);
      if (c == '\n') {
        line++;
        lineStart = position + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  /** The next character, or NUL at the end (which no rule accepts). */
  private char next() {
    return atEnd() ? '\0' : text.charAt(position);
  }

  private int column() {
    return position - lineStart + 1;
  }

  private String describeNext() {
    if (atEnd()) {
      return "(end of input)";
    }
    char c = text.charAt(position);
    return "('" + (c < 0x20 ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
        + "' (code " + (int) c + "))";
  }

  private MalformedJsonException unexpected(String expected) {
    return error(atEnd() ? "Unexpected end of input: expected " + expected
        : "Unexpected character " + describeNext() + ": expected " + expected);
  }

  private MalformedJsonException error(String reason) {
    return new MalformedJsonException(reason, line, column(), currentPath());
  }

  private JsonPath currentPath() {
    JsonPath at = JsonPath.ROOT;
    for (Object segment : path) {
      at = segment instanceof String name ? at.member(name) : at.index((Integer) segment);
    }
    return at;
  }
}
