package io.capsa.runtime.cgroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats of cgroup v2 interface files (Documentation/admin-guide/cgroup-v2.rst,
 * "Interface Files"). Numbers are unsigned 64-bit; "max", which means no limit, reads as -1
 * (all bits set, as runc reports it: 18446744073709551615).
 */
final class CgroupFiles {
  static final long MAX = -1;

  private CgroupFiles() {}

  /** A single value, e.g. memory.current or pids.max. */
  static long single(String text) {
    return number(text.strip());
  }

  /**
   * "KEY VALUE" lines, e.g. memory.stat, cpu.stat, cgroup.events; a line whose value is not a
   * number (none is, today) is left out rather than failing every reader of the file.
   */
  static Map<String, Long> flatKeyed(String text) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && isNumber(fields[1])) {
        values.put(fields[0], number(fields[1]));
      }
    }
    return values;
  }

  /** "KEY SUBKEY=VALUE ..." lines, e.g. io.stat: {@code 8:0 rbytes=1 wbytes=2}. */
  static Map<String, Map<String, Long>> nestedKeyed(String text) {
    Map<String, Map<String, Long>> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      Map<String, Long> entry = new LinkedHashMap<>();
      for (int i = 1; i < fields.length; i++) {
        int equals = fields[i].indexOf('=');
        if (equals > 0 && isNumber(fields[i].substring(equals + 1))) {
          entry.put(fields[i].substring(0, equals), number(fields[i].substring(equals + 1)));
        }
      }
      values.put(fields[0], entry);
    }
    return values;
  }

  /** cgroup.procs: one pid a line. */
  static List<Integer> pids(String text) {
    List<Integer> pids = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        pids.add(Integer.parseInt(line.strip()));
      }
    }
    return pids;
  }

  private static boolean isNumber(String text) {
    return text.equals("max")
        || !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static long number(String text) {
    if (text.equals("max")) {
      return MAX;
    }
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new CgroupException("not a cgroup number: \"" + text + "\"", e);
    }
  }
}
