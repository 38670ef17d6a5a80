package io.capsa.runtime;

import io.capsa.runtime.cgroups.CgroupHierarchy;
import java.nio.file.Path;

/** A cgroup v2 hierarchy for configurations converted in tests, whatever the host has. */
final class TestCgroups {
  /** A pure cgroup v2 host with the runtime in the root cgroup: cgroup "web" is "/web". */
  static final CgroupHierarchy PURE_V2 =
      new CgroupHierarchy(Path.of("/sys/fs/cgroup"), false, "/");

  private TestCgroups() {}
}
