package io.capsa.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as a command line gives it: a number of bytes with an optional unit k, m, g or t
 * (powers of 1024, either case, optionally followed by b as in 256mb), as docker and podman read
 * {@code --memory}.
 *
 * @param text what was given, for messages
 */
record ByteSize(long bytes, String text) {
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([kmgt]?)b?");
  private static final String UNITS = "kmgt";

  /** @throws IllegalArgumentException saying what a size looks like */
  static ByteSize parse(String text) {
    Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected a number of bytes with an optional unit k, m,"
          + " g or t (powers of 1024), such as 256m");
    }
    try {
      long bytes = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2);
      int exponent = unit.isEmpty() ? 0 : UNITS.indexOf(unit) + 1;
      for (int i = 0; i < exponent; i++) {
        bytes = Math.multiplyExact(bytes, 1024L);
      }
      return new ByteSize(bytes, text);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("more than " + Long.MAX_VALUE + " bytes");
    }
  }
}
