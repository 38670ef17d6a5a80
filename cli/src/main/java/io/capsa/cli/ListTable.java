package io.capsa.cli;

import io.capsa.oci.State;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * runc's list table: the columns of Go's tabwriter with a minimum width of 12 and a padding of
 * 3 (each column as wide as its widest cell plus 3), the last column unpadded, and times in
 * Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped.
 */
final class ListTable {
  private static final int MIN_WIDTH = 12;
  private static final int PADDING = 3;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private ListTable() {}

  static String of(List<State> states) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
    for (State state : states) {
      rows.add(new String[] {
        state.id(),
        Integer.toString(state.pid() == null ? 0 : state.pid()),
        state.status().name().toLowerCase(Locale.ROOT),
        state.bundle(),
        state.created() == null ? "" : rfc3339Nano(state.created()),
        state.owner() == null ? "" : state.owner()
      });
    }
    int columns = rows.get(0).length;
    int[] widths = new int[columns - 1];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, row[i].length() + PADDING));
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        table.append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
      }
      table.append(row[columns - 1]).append('\n');
    }
    return table.toString();
  }

  static String rfc3339Nano(Instant instant) {
    String text = SECONDS.format(instant);
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text += "." + fraction.substring(0, end);
    }
    return text + "Z";
  }
}
