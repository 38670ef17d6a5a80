package io.capsa.sys.testing;

import java.util.List;

/** The fd numbers in the output of {@code ls -l /proc/self/fd}, as a child process saw them. */
public final class FdListing {

  private FdListing() {}

  /** Sorted fd numbers, without ls's own handle on the directory it lists. */
  public static List<String> numbers(String listing) {
    return listing
        .lines()
        .filter(line -> line.contains(" -> ") && !line.matches(".* -> /proc/\\d+/fd$"))
        .map(line -> line.replaceFirst(".* (\\d+) -> .*", "$1"))
        .sorted()
        .toList();
  }
}
