package io.capsa.oci.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable copies for record components. {@code null} stays {@code null} because an absent member
 * and an explicitly empty one are different documents. Maps and sets keep their order so a document
 * is written back the way it was read.
 */
public final class Immutable {
  private Immutable() {}

  public static <T> List<T> list(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }

  public static <V> Map<String, V> map(Map<String, V> map) {
    if (map == null) {
      return null;
    }
    Map<String, V> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, "map key"),
                Objects.requireNonNull(value, () -> "value of " + key)));
    return Collections.unmodifiableMap(copy);
  }

  public static Set<String> set(Set<String> set) {
    if (set == null) {
      return null;
    }
    Set<String> copy = new LinkedHashSet<>();
    set.forEach(element -> copy.add(Objects.requireNonNull(element, "set element")));
    return Collections.unmodifiableSet(copy);
  }
}
