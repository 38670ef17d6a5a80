package io.capsa.sys.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects every difference between a table and its source of truth, so that one run reports
 * all wrong entries instead of stopping at the first.
 */
public final class Mismatches {
  private final String comparison;
  private final List<String> found = new ArrayList<>();

  /** {@code comparison} says what is compared with what, e.g. "Syscall vs ppc64le headers". */
  public Mismatches(String comparison) {
    this.comparison = comparison;
  }

  /** Records a difference when the table's value is not the expected one. */
  public void check(String entry, Object expected, Object inTable) {
    if (!Objects.equals(expected, inTable)) {
      add(entry + ": table has " + inTable + ", expected " + expected);
    }
  }

  public void add(String mismatch) {
    found.add(mismatch);
  }

  /** Fails the test listing every recorded difference. */
  public void assertNone() {
    if (!found.isEmpty()) {
      fail(comparison + ": " + found.size() + " mismatch(es)\n  " + String.join("\n  ", found));
    }
  }
}
