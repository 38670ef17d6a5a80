package io.capsa.sys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simple object-like macros of C headers: {@code #define NAME VALUE}, where VALUE is an
 * integer literal or the name of another such macro (an alias, like {@code EWOULDBLOCK EAGAIN}).
 * Anything more complex (expressions, function-like macros) is ignored; the kernel writes
 * syscall and errno numbers in this simple form.
 */
public final class HeaderDefines {
  private static final Pattern DEFINE =
      Pattern.compile("^\\s*#\\s*define\\s+(\\w+)\\s+(\\w+)\\s*(?:/\\*\\s*(.*?)\\s*\\*/)?\\s*$");

  private final Map<String, String> valueTokens;
  private final Map<String, String> comments;

  private HeaderDefines(Map<String, String> valueTokens, Map<String, String> comments) {
    this.valueTokens = valueTokens;
    this.comments = comments;
  }

  /**
   * Reads {@code headers} in order; a later definition of a name replaces an earlier one, as it
   * does in the preprocessor after the {@code #undef} the kernel writes before redefining.
   */
  public static HeaderDefines parse(List<Path> headers) throws IOException {
    Map<String, String> valueTokens = new LinkedHashMap<>();
    Map<String, String> comments = new HashMap<>();
    for (Path header : headers) {
      for (String line : Files.readAllLines(header)) {
        Matcher define = DEFINE.matcher(line);
        if (define.matches()) {
          valueTokens.put(define.group(1), define.group(2));
          comments.put(define.group(1), define.group(3));
        }
      }
    }
    return new HeaderDefines(valueTokens, comments);
  }

  /** The names defined, in the order first seen. */
  public Set<String> names() {
    return valueTokens.keySet();
  }

  /** The integer {@code name} expands to, following aliases; empty if it is not defined. */
  public OptionalLong value(String name) {
    Set<String> seen = new HashSet<>();
    String token = name;
    while (valueTokens.containsKey(token) && seen.add(token)) {
      token = valueTokens.get(token);
      if (Character.isDigit(token.charAt(0))) {
        return OptionalLong.of(Long.decode(token));
      }
    }
    return OptionalLong.empty();
  }

  /** The comment on {@code name}'s definition line, e.g. "Operation not permitted". */
  public Optional<String> comment(String name) {
    return Optional.ofNullable(comments.get(name));
  }

  /** Whether {@code name} is defined as another name rather than as a number. */
  public boolean isAlias(String name) {
    String token = valueTokens.get(name);
    return token != null && !Character.isDigit(token.charAt(0));
  }
}
