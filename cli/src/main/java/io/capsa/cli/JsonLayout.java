package io.capsa.cli;

import java.util.stream.Collectors;

/**
 * Re-lays out the tab-indented JSON the oci-spec module writes into the shapes runc prints:
 * {@code state} with two spaces, {@code features} with four, {@code list} on one line.
 */
final class JsonLayout {

  private JsonLayout() {}

  /**
   * Each leading tab becomes {@code unit}. JSON escapes tabs inside strings, so every literal
   * tab of the text is indentation.
   */
  static String indented(String tabbed, String unit) {
    return tabbed.lines().map(line -> {
      int tabs = 0;
      while (tabs < line.length() && line.charAt(tabs) == '\t') {
        tabs++;
      }
      return unit.repeat(tabs) + line.substring(tabs);
    }).collect(Collectors.joining("\n"));
  }

  /** The same document on one line: whitespace between tokens dropped, strings untouched. */
  static String compact(String json) {
    StringBuilder compact = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        compact.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        compact.append(c);
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        compact.append(c);
      }
    }
    return compact.toString();
  }
}
