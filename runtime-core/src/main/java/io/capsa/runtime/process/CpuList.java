package io.capsa.runtime.process;

import java.util.BitSet;

/**
 * The kernel's CPU list syntax ({@code 0-3,7}), read as runc reads it: elements separated by
 * commas, spaces around them and empty elements allowed, numbers up to {@value #MAX_CPU}. NUMA
 * node lists have the same syntax and limit.
 */
final class CpuList {
  /** runc's sanity limit, which keeps a bogus number from asking for a huge mask. */
  static final int MAX_CPU = 64 * 1024;

  private CpuList() {}

  /** The CPUs {@code list} names; throws IllegalArgumentException saying what is wrong. */
  static BitSet parse(String list) {
    return parse(list, "CPU");
  }

  /**
   * The numbers {@code list} names, each one an {@code item} ("CPU", "NUMA node") in the
   * messages of the IllegalArgumentException thrown for a list that is wrong.
   */
  static BitSet parse(String list, String item) {
    BitSet numbers = new BitSet();
    for (String element : list.split(",", -1)) {
      String range = element.trim();
      if (range.isEmpty()) {
        continue;
      }
      int dash = range.indexOf('-');
      int first = number(dash < 0 ? range : range.substring(0, dash), range, item);
      int last = dash < 0 ? first : number(range.substring(dash + 1), range, item);
      if (first > last) {
        throw new IllegalArgumentException("range " + range + " goes backwards");
      }
      numbers.set(first, last + 1);
    }
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("names no " + item);
    }
    return numbers;
  }

  private static int number(String number, String range, String item) {
    if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + range + "\" is not a " + item
          + " number or range");
    }
    if (number.length() > 6 || Integer.parseInt(number) > MAX_CPU) {
      throw new IllegalArgumentException(item + " " + number + " is above " + MAX_CPU);
    }
    return Integer.parseInt(number);
  }
}
