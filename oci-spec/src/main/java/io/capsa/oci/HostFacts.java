package io.capsa.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The facts about the calling process and host that runc's example specs depend on. */
final class HostFacts {
  private static final Path CGROUP_ROOT_CONTROLLERS = Path.of("/sys/fs/cgroup/cgroup.controllers");
  private static final Path PROCESS_STATUS = Path.of("/proc/self/status");

  private HostFacts() {}

  /**
   * Whether /sys/fs/cgroup is a cgroup v2 mount, as runc's IsCgroup2UnifiedMode asks with statfs:
   * only the root of a cgroup v2 hierarchy has cgroup.controllers, and in the hybrid layout
   * /sys/fs/cgroup is a tmpfs of v1 hierarchies.
   */
  static boolean cgroup2Unified() {
    return Files.exists(CGROUP_ROOT_CONTROLLERS);
  }

  /** geteuid(), which runc maps container root to. */
  static long effectiveUid() {
    return effectiveId("Uid:");
  }

  /** getegid(), which runc maps container root's group to. */
  static long effectiveGid() {
    return effectiveId("Gid:");
  }

  /**
   * Read from /proc/self/status, whose Uid: and Gid: lines hold the real, effective, saved and
   * filesystem ids: Java 17 has no getuid() without FFM, which this module does not use.
   */
  private static long effectiveId(String field) {
    try {
      for (String line : Files.readAllLines(PROCESS_STATUS)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the ids of this process from " + PROCESS_STATUS, e);
    }
    throw new IllegalStateException(PROCESS_STATUS + " has no " + field + " line");
  }
}
