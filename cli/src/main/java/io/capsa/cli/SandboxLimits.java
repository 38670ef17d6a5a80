package io.capsa.cli;

import io.capsa.runtime.rootfs.RootfsHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Refuses {@code --memory} and {@code --pids} where the host could not honour them, before
 * anything is made, naming the option: each needs the cgroup v2 controller of its name, which a
 * host in the hybrid v1/v2 layout binds to a cgroup v1 hierarchy instead (as /proc/cgroups
 * tells). The runtime refuses such a create too, but in the terms of config.json.
 */
final class SandboxLimits {
  private final Supplier<Optional<Path>> cgroup2Mount;
  private final Path procCgroups;

  /**
   * @param cgroup2Mount where the cgroup v2 hierarchy is mounted, if it is
   * @param procCgroups the kernel's table of controllers, /proc/cgroups
   */
  SandboxLimits(Supplier<Optional<Path>> cgroup2Mount, Path procCgroups) {
    this.cgroup2Mount = cgroup2Mount;
    this.procCgroups = procCgroups;
  }

  /** Reads the host only when a limit is asked for. */
  static SandboxLimits forThisHost() {
    return new SandboxLimits(() -> Optional.ofNullable(RootfsHost.current().cgroup2Mount()),
        Path.of("/proc/cgroups"));
  }

  /**
   * Passes when no limit is asked for ({@code null}s) or the host has each one's controller.
   *
   * @param memory the --memory value as given
   * @param pids the --pids value as given
   * @throws CliException naming each option, the controller it needs and what the host lacks
   */
  void check(String memory, String pids) {
    Map<String, String> asked = new LinkedHashMap<>();
    if (memory != null) {
      asked.put("memory", "--memory " + memory);
    }
    if (pids != null) {
      asked.put("pids", "--pids " + pids);
    }
    if (asked.isEmpty()) {
      return;
    }
    Optional<Path> mount = cgroup2Mount.get();
    Set<String> available = mount.map(SandboxLimits::controllers).orElse(Set.of());
    for (Map.Entry<String, String> limit : asked.entrySet()) {
      if (!available.contains(limit.getKey())) {
        throw new CliException(limit.getValue() + " needs the cgroup v2 controller \""
            + limit.getKey() + "\", which this host does not offer: "
            + mount.map(path -> "its cgroup2 hierarchy at " + path + " has "
                + (available.isEmpty() ? "no controllers" : "only " + String.join(" ", available))
                + ", and " + whereTheControllerIs(limit.getKey()))
                .orElse("no cgroup v2 hierarchy is mounted; mount one")
            + ", or run without " + limit.getValue());
      }
    }
  }

  /**
   * Why the kernel's controller {@code name} is not in the v2 hierarchy, from /proc/cgroups, and
   * what would put it there.
   */
  private String whereTheControllerIs(String name) {
    for (String line : procCgroupsLines()) {
      // subsys_name hierarchy num_cgroups enabled; hierarchy 0 is the v2 one
      String[] fields = line.split("\\s+");
      if (fields.length < 4 || !fields[0].equals(name)) {
        continue;
      }
      if (fields[3].equals("0")) {
        return "the kernel has " + name + " disabled; boot it without cgroup_disable=" + name;
      }
      if (!fields[1].equals("0")) {
        return name + " is bound to cgroup v1 hierarchy " + fields[1] + " (the hybrid v1/v2 "
            + "layout); run it on a host with a pure cgroup v2 hierarchy";
      }
      return name + " is not passed down to it; enable " + name
          + " in the cgroup.subtree_control of the cgroups above";
    }
    return "the kernel has no " + name + " controller; run it on a kernel that has one";
  }

  private List<String> procCgroupsLines() {
    try {
      return Files.readAllLines(procCgroups);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + procCgroups, e);
    }
  }

  /** The controllers the root of the hierarchy at {@code mountPoint} has. */
  private static Set<String> controllers(Path mountPoint) {
    Path file = mountPoint.resolve("cgroup.controllers");
    try {
      String text = Files.readString(file).strip();
      return text.isEmpty() ? Set.of() : new TreeSet<>(List.of(text.split("\\s+")));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
