package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host situations a limit is refused in, with cgroup files written by the test. */
class SandboxLimitsTest {
  /** /proc/cgroups of a hybrid host: memory and pids on v1 hierarchies, hugetlb on none. */
  private static final String HYBRID = """
      #subsys_name\thierarchy\tnum_cgroups\tenabled
      cpu\t1\t1\t1
      memory\t4\t41\t1
      hugetlb\t0\t1\t1
      pids\t8\t1\t1
      """;
  private static final String PURE_V2 = """
      #subsys_name\thierarchy\tnum_cgroups\tenabled
      memory\t0\t41\t1
      pids\t0\t1\t0
      """;

  @TempDir Path dir;
  private Path unified;
  private Path procCgroups;

  @BeforeEach
  void hierarchy() throws Exception {
    unified = Files.createDirectory(dir.resolve("unified"));
    procCgroups = dir.resolve("cgroups");
  }

  private SandboxLimits limits(String controllers, String table) throws Exception {
    Files.writeString(unified.resolve("cgroup.controllers"), controllers);
    Files.writeString(procCgroups, table);
    return new SandboxLimits(() -> Optional.of(unified), procCgroups);
  }

  private static String refusal(SandboxLimits limits, String memory, String pids) {
    return assertThrows(CliException.class, () -> limits.check(memory, pids)).getMessage();
  }

  @Test
  void noLimitAskedForReadsNothing() {
    new SandboxLimits(() -> {
      throw new AssertionError("read the host");
    }, dir.resolve("missing")).check(null, null);
  }

  @Test
  void aControllerBoundToCgroupV1NamesTheOptionAndTheHybridLayout() throws Exception {
    SandboxLimits limits = limits("hugetlb\n", HYBRID);

    assertEquals("--memory 256m needs the cgroup v2 controller \"memory\", which this host does "
        + "not offer: its cgroup2 hierarchy at " + unified + " has only hugetlb, and memory is "
        + "bound to cgroup v1 hierarchy 4 (the hybrid v1/v2 layout); run it on a host with a pure "
        + "cgroup v2 hierarchy, or run without --memory 256m",
        refusal(limits, "256m", null));
    assertEquals("--pids 64 needs the cgroup v2 controller \"pids\", which this host does not "
        + "offer: its cgroup2 hierarchy at " + unified + " has only hugetlb, and pids is bound "
        + "to cgroup v1 hierarchy 8 (the hybrid v1/v2 layout); run it on a host with a pure "
        + "cgroup v2 hierarchy, or run without --pids 64", refusal(limits, null, "64"));
  }

  @Test
  void aDisabledControllerAndOneNotPassedDownAreToldApart() throws Exception {
    SandboxLimits limits = limits("", PURE_V2);

    assertEquals("--memory 1g needs the cgroup v2 controller \"memory\", which this host does "
        + "not offer: its cgroup2 hierarchy at " + unified + " has no controllers, and memory is "
        + "not passed down to it; enable memory in the cgroup.subtree_control of the cgroups "
        + "above, or run without --memory 1g", refusal(limits, "1g", null));
    assertEquals("--pids 5 needs the cgroup v2 controller \"pids\", which this host does not "
        + "offer: its cgroup2 hierarchy at " + unified + " has no controllers, and the kernel "
        + "has pids disabled; boot it without cgroup_disable=pids, or run without --pids 5",
        refusal(limits, null, "5"));
  }

  @Test
  void withoutACgroupV2HierarchyTheLimitIsRefused() throws Exception {
    SandboxLimits limits = new SandboxLimits(Optional::empty, procCgroups);

    assertEquals("--pids 5 needs the cgroup v2 controller \"pids\", which this host does not "
        + "offer: no cgroup v2 hierarchy is mounted; mount one, or run without --pids 5",
        refusal(limits, null, "5"));
  }

  @Test
  void withTheControllersTheLimitsPass() throws Exception {
    limits("cpu memory pids\n", PURE_V2).check("256m", "64");
  }
}
