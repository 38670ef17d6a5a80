package io.capsa.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as runc's update flags take it (go-units' RAMInBytes): a number with an
 * optional binary unit, {@code 512m}, {@code 1.5GiB}, {@code 4096}; and -1 for no limit.
 */
final class RamBytes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?");
  private static final String UNITS = "kmgtp";

  private RamBytes() {}

  static long parse(String flag, String text) {
    if (text.equals("-1")) {
      return -1;
    }
    Matcher size = SIZE.matcher(text);
    if (!size.matches()) {
      throw new CliException("invalid value for " + flag + ": invalid size: '" + text + "'");
    }
    BigDecimal bytes = new BigDecimal(size.group(1));
    if (size.group(2) != null) {
      int power = UNITS.indexOf(size.group(2).toLowerCase(Locale.ROOT)) + 1;
      bytes = bytes.multiply(BigDecimal.valueOf(1024).pow(power));
    }
    return bytes.longValue();
  }
}
