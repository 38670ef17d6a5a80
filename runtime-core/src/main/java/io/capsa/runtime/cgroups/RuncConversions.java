package io.capsa.runtime.cgroups;

/**
 * The numbers runc (github.com/opencontainers/cgroups, utils.go) computes where the runtime
 * spec speaks cgroup v1 and the kernel cgroup v2, so that a config means the same under Capsa.
 */
final class RuncConversions {
  static final long SHARES_MIN = 2;
  static final long SHARES_MAX = 262144;
  static final long WEIGHT_MIN = 1;
  static final long WEIGHT_MAX = 10000;
  static final int BLKIO_WEIGHT_MIN = 10;
  static final int BLKIO_WEIGHT_MAX = 1000;

  private RuncConversions() {}

  /**
   * cpu.shares (2..262144, default 1024) to cpu.weight (1..10000, default 100). runc used the
   * linear {@code 1 + ((shares - 2) * 9999) / 262142} until opencontainers/cgroups v0.0.2; it
   * now uses crun's quadratic fit in log2(shares), which maps the default to the default
   * (1024 to 100, where the linear formula gave 39). This is runc's current formula: 0 stays
   * "unset", and values outside the range are clamped ({@code shares} is unsigned).
   */
  static long cpuWeight(long shares) {
    if (shares == 0) {
      return 0;
    }
    if (Long.compareUnsigned(shares, SHARES_MAX) >= 0) {
      return WEIGHT_MAX;
    }
    if (shares <= SHARES_MIN) {
      return WEIGHT_MIN;
    }
    double log2 = Math.log(shares) / Math.log(2);
    double exponent = (log2 * log2 + 125 * log2) / 612.0 - 7.0 / 34.0;
    return (long) Math.ceil(Math.pow(10, exponent));
  }

  /**
   * memory.swap.max from the spec's swap, which is memory plus swap: -1 is "max", 0 "unset",
   * the result is the swap alone. Throws IllegalArgumentException in runc's words when the
   * pair makes no sense.
   */
  static long swapMax(long swap, long limit) {
    if (limit == -1 && swap == 0) {
      return -1;
    }
    if (swap == -1 || swap == 0 || limit == -1) {
      return swap;
    }
    if (limit == 0) {
      throw new IllegalArgumentException("unable to set swap limit without memory limit");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("invalid memory value: " + limit);
    }
    if (swap < limit) {
      throw new IllegalArgumentException("memory+swap limit should be >= memory limit");
    }
    return swap - limit;
  }

  /** blkio.weight (10..1000) to io.weight (1..10000), linearly. */
  static long ioWeight(int blkioWeight) {
    return 1 + (long) (blkioWeight - BLKIO_WEIGHT_MIN) * 9999 / 990;
  }

  /**
   * A limit as the .max/.low/.high files take it: -1 is "max", 0 "unset" (nothing written,
   * empty here).
   */
  static String limit(long value) {
    if (value == 0) {
      return "";
    }
    return value == -1 ? "max" : Long.toString(value);
  }
}
