package io.capsa.runtime.cgroups;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A resources document converted to cgroup v2: the writes that apply it, in order, and the
 * settings cgroup v2 has no place for, which are ignored as runc ignores them.
 *
 * @param writes the files to write, in the order to write them
 * @param ignored each ignored setting with its JSON path and why
 * @param memoryCheck the limits to compare with the current usage before an update
 *     ({@code memory.checkBeforeUpdate})
 */
public record CgroupLimits(List<CgroupWrite> writes, List<String> ignored,
    Optional<MemoryCheck> memoryCheck) {

  /** No limits at all. */
  public static final CgroupLimits NONE = new CgroupLimits(List.of(), List.of(), Optional.empty());

  public CgroupLimits {
    writes = List.copyOf(writes);
    ignored = List.copyOf(ignored);
  }

  /**
   * Runc's memory.checkBeforeUpdate: an update must not set a limit at or below what the
   * cgroup uses already. Values as the spec has them; 0 or less means unset.
   */
  public record MemoryCheck(long limit, long swap) {}

  /** The controllers the writes need, sorted: {@code [cpu, memory]}. */
  public Set<String> controllers() {
    Set<String> controllers = new TreeSet<>();
    for (CgroupWrite write : writes) {
      if (!write.controller().isEmpty()) {
        controllers.add(write.controller());
      }
    }
    return controllers;
  }

  /** The first write that needs {@code controller}, to say what in the config asks for it. */
  Optional<CgroupWrite> firstNeeding(String controller) {
    return writes.stream().filter(write -> write.controller().equals(controller)).findFirst();
  }
}
