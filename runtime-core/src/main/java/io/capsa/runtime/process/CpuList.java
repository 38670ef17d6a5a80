package io.capsa.runtime.process;

import java.util.BitSet;

/**
 * The kernel's CPU list syntax ({@code 0-3,7}), read as runc reads it: elements separated by
 * commas, spaces around them and empty elements allowed, CPU numbers up to {@value #MAX_CPU}.
 */
final class CpuList {
  /** runc's sanity limit, which keeps a bogus number from asking for a huge mask. */
  static final int MAX_CPU = 64 * 1024;

  private CpuList() {}

  /** The CPUs {@code list} names; throws IllegalArgumentException saying what is wrong. */
  static BitSet parse(String list) {
    BitSet cpus = new BitSet();
    for (String element : list.split(",", -1)) {
      String range = element.trim();
      if (range.isEmpty()) {
        continue;
      }
      int dash = range.indexOf('-');
      int first = cpu(dash < 0 ? range : range.substring(0, dash), range);
      int last = dash < 0 ? first : cpu(range.substring(dash + 1), range);
      if (first > last) {
        throw new IllegalArgumentException("range " + range + " goes backwards");
      }
      cpus.set(first, last + 1);
    }
    if (cpus.isEmpty()) {
      throw new IllegalArgumentException("names no CPU");
    }
    return cpus;
  }

  private static int cpu(String number, String range) {
    if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + range + "\" is not a CPU number or range");
    }
    if (number.length() > 6 || Integer.parseInt(number) > MAX_CPU) {
      throw new IllegalArgumentException("CPU " + number + " is above " + MAX_CPU);
    }
    return Integer.parseInt(number);
  }
}
