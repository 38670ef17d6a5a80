package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupHierarchyTest {
  /** This project's machines: v1 controllers, the v2 hierarchy beside them. */
  private static final String HYBRID = String.join("\n",
      "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
      "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
      "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
      "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");

  private static final String PURE = String.join("\n",
      "22 1 0:21 / /proc rw,nosuid shared:5 - proc proc rw",
      "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec shared:9 - cgroup2 cgroup2 "
          + "rw,nsdelegate,memory_recursiveprot");

  @Test
  void findsTheUnifiedMountOfAHybridHost() {
    CgroupHierarchy hierarchy = CgroupHierarchy.parse(HYBRID, "4:memory:/x\n0::/\n");
    assertEquals(Path.of("/sys/fs/cgroup/unified"), hierarchy.mountPoint());
    assertTrue(hierarchy.hybrid());
    assertEquals("/", hierarchy.ownCgroup());
  }

  @Test
  void findsThePureHierarchyAndOurCgroupInIt() {
    CgroupHierarchy hierarchy =
        CgroupHierarchy.parse(PURE, "0::/user.slice/user-0.slice/session-1.scope\n");
    assertEquals(new CgroupHierarchy(Path.of("/sys/fs/cgroup"), false,
        "/user.slice/user-0.slice/session-1.scope"), hierarchy);
    assertEquals(Path.of("/sys/fs/cgroup/capsa/web"),
        hierarchy.directoryOf(CgroupPath.of("/capsa/web")));
  }

  @Test
  void unescapesMountPoints() {
    String mountinfo = "30 25 0:26 / /mnt/with\\040space rw - cgroup2 cgroup2 rw";
    assertEquals(Path.of("/mnt/with space"),
        CgroupHierarchy.parse(mountinfo, "0::/\n").mountPoint());
  }

  @Test
  void withoutCgroup2ThereIsNothingToManage() {
    CgroupException missing = assertThrows(CgroupException.class,
        () -> CgroupHierarchy.parse("32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw",
            "0::/\n"));
    assertTrue(missing.getMessage().startsWith("no cgroup v2 hierarchy is mounted"),
        missing.getMessage());
  }

  @Test
  void thisProcessHasAHierarchy() {
    CgroupHierarchy hierarchy = CgroupHierarchy.ofThisProcess();
    assertTrue(hierarchy.mountPoint().isAbsolute());
    assertTrue(hierarchy.ownCgroup().startsWith("/"));
  }
}
