package io.capsa.runtime.namespaces;

import io.capsa.oci.linux.TimeOffset;
import io.capsa.oci.linux.TimeOffsets;

/**
 * The offsets a new time namespace applies to CLOCK_MONOTONIC and CLOCK_BOOTTIME; a clock the
 * configuration leaves out is not written and keeps offset 0.
 */
public record ClockOffsets(TimeOffset monotonic, TimeOffset boottime) {

  static ClockOffsets of(TimeOffsets offsets) {
    return new ClockOffsets(offsets.monotonic(), offsets.boottime());
  }

  /**
   * What /proc/self/timens_offsets takes, one {@code <clock> <seconds> <nanoseconds>} line per
   * clock; the kernel accepts them only before the first process enters the namespace.
   */
  public String procText() {
    StringBuilder text = new StringBuilder();
    line(text, "monotonic", monotonic);
    line(text, "boottime", boottime);
    return text.toString();
  }

  private static void line(StringBuilder text, String clock, TimeOffset offset) {
    if (offset != null) {
      text.append(clock).append(' ').append(orZero(offset.secs())).append(' ')
          .append(orZero(offset.nanosecs())).append('\n');
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
