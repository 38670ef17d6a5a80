package io.capsa.runtime.rootfs;

import java.util.List;
import java.util.Map;

/** The oci-spec records hold an absent list or map as null; the plan treats it as empty. */
final class OrEmpty {
  private OrEmpty() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? Map.of() : map;
  }
}
