package io.capsa.oci;

import java.util.regex.Pattern;

/** A location in a JSON document, written as problems report it: {@code $.mounts[2].options}. */
final class JsonPath {
  static final JsonPath ROOT = new JsonPath("$");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String text;

  private JsonPath(String text) {
    this.text = text;
  }

  JsonPath member(String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return new JsonPath(text + "." + name);
    }
    return new JsonPath(text + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']");
  }

  JsonPath index(int index) {
    return new JsonPath(text + "[" + index + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}
