package io.capsa.runtime.cgroups;

import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code unified} map: cgroup v2 files and their values, written verbatim after everything
 * else, one write per line as runc does (io.max takes one device per write). A key must be the
 * plain name of an interface file, {@code CONTROLLER.NAME}: nothing that leaves the
 * container's cgroup directory, and none of the core files the runtime manages itself (moving
 * processes, freezing, killing, enabling controllers). Whether the controller exists on the
 * host is checked when the cgroup is made; a controller the runtime does not know is still
 * written, as the spec asks.
 */
final class UnifiedEntries {
  private static final Pattern INTERFACE_FILE =
      Pattern.compile("[a-z][a-z0-9_]*\\.[A-Za-z0-9_.-]+");
  /** The cgroup.* files a configuration may set; the others are the runtime's. */
  private static final Set<String> SETTABLE_CORE_FILES =
      Set.of("cgroup.max.descendants", "cgroup.max.depth");

  private UnifiedEntries() {}

  static List<CgroupWrite> convert(Map<String, String> unified, String at,
      ConfigProblems problems) {
    if (unified == null) {
      return List.of();
    }
    List<CgroupWrite> writes = new ArrayList<>();
    unified.forEach((key, value) -> {
      String path = JsonPaths.member(at, key);
      if (key.contains("/") || key.contains("..") || key.indexOf('\0') >= 0) {
        problems.add(path, "must name a file in the container's cgroup, not a path");
      } else if (!INTERFACE_FILE.matcher(key).matches()) {
        problems.add(path, "must name a cgroup v2 interface file, CONTROLLER.NAME such as "
            + "memory.high");
      } else if (key.startsWith("cgroup.") && !SETTABLE_CORE_FILES.contains(key)) {
        problems.add(path, "is managed by the runtime; of the cgroup.* files a configuration "
            + "may set only " + String.join(" and ", SETTABLE_CORE_FILES.stream().sorted()
            .toList()));
      } else if (value.indexOf('\0') >= 0) {
        problems.add(path, "contains a NUL character");
      } else if (value.indexOf('\n') < 0) {
        writes.add(CgroupWrite.of(key, value, path));
      } else {
        for (String line : value.split("\n")) {
          if (!line.isEmpty()) {
            writes.add(CgroupWrite.of(key, line, path));
          }
        }
      }
    });
    return writes;
  }
}
