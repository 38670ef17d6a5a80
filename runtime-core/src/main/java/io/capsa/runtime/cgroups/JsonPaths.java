package io.capsa.runtime.cgroups;

import java.util.regex.Pattern;

/** JSON paths of map members, written as the spec's problems write them. */
final class JsonPaths {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  /** {@code $.a.name} for a plain name, {@code $.a['memory.max']} for any other key. */
  static String member(String at, String key) {
    return IDENTIFIER.matcher(key).matches()
        ? at + "." + key
        : at + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
