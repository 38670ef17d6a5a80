package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** runc's conversions, with the cases of opencontainers/cgroups' own tests. */
class RuncConversionsTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0", // unset
      "1, 1", // below the minimum
      "2, 1", // the minimum
      "3, 2", // just above it
      "1024, 100", // the defaults map onto each other
      "262143, 10000", // just below the maximum
      "262144, 10000", // the maximum
      "262145, 10000", // above it
      "-1, 10000"}) // 2^64-1, unsigned
  void cpuSharesToWeight(long shares, long weight) {
    assertEquals(weight, RuncConversions.cpuWeight(shares));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0, 0", // all unset
      "-1, 0, -1", // unlimited memory+swap, unset memory
      "300, -1, 300", // unlimited memory: swap as given
      "-1, -1, -1", // all unlimited
      "-1, 1000, -1", // unlimited memory+swap
      "1000, 1000, 0", // memory+swap == memory: no swap
      "500, 200, 300", // memory+swap > memory
      "0, -1, -1"}) // unlimited memory, swap unset: unlimited too
  void swapIsMemoryPlusSwapLessMemory(long swap, long limit, long swapMax) {
    assertEquals(swapMax, RuncConversions.swapMax(swap, limit));
  }

  @Test
  void swapThatCannotBeConverted() {
    assertEquals("unable to set swap limit without memory limit",
        assertThrows(IllegalArgumentException.class, () -> RuncConversions.swapMax(-2, 0))
            .getMessage());
    assertEquals("memory+swap limit should be >= memory limit",
        assertThrows(IllegalArgumentException.class, () -> RuncConversions.swapMax(300, 400))
            .getMessage());
    assertEquals("invalid memory value: -5",
        assertThrows(IllegalArgumentException.class, () -> RuncConversions.swapMax(300, -5))
            .getMessage());
  }

  @ParameterizedTest
  @CsvSource({"10, 1", "100, 910", "500, 4950", "1000, 10000"})
  void blkioWeightToIoWeight(int blkio, long io) {
    assertEquals(io, RuncConversions.ioWeight(blkio));
  }

  @ParameterizedTest
  @CsvSource({"0, ''", "-1, max", "4096, 4096"})
  void limitsAsTheMaxFilesTakeThem(long value, String text) {
    assertEquals(text, RuncConversions.limit(value));
  }
}
