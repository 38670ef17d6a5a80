package io.capsa.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as Go's time.ParseDuration reads it ("5s", "250ms", "1m30s"): how runc's flags
 * take one.
 */
final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  static Duration parse(String text) {
    boolean negative = text.startsWith("-");
    String unsigned = negative || text.startsWith("+") ? text.substring(1) : text;
    if (unsigned.equals("0")) {
      return Duration.ZERO;
    }
    Matcher part = PART.matcher(unsigned);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      nanos = nanos.add(new BigDecimal(part.group(1))
          .multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
      end = part.end();
    }
    if (end == 0 || end != unsigned.length()) {
      throw new CliException("time: invalid duration \"" + text + "\"");
    }
    return Duration.ofNanos(negative ? -nanos.longValue() : nanos.longValue());
  }
}
