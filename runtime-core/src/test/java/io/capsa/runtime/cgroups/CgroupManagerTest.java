package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.HostSyscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager against a temporary directory laid out like cgroupfs ({@link FakeCgroupfs}):
 * which files get which values, which parents pass which controllers on, what is refused, and
 * what the stats and the process list read. The device filter needs a real cgroup and is left
 * out here ({@code devices} empty).
 */
class CgroupManagerTest {
  private static final CgroupPath WEB = CgroupPath.of("/capsa/web");
  private static final String ALL_CONTROLLERS = "cpuset cpu io memory hugetlb pids rdma misc";

  @TempDir Path temp;

  private CgroupManager manager(FakeCgroupfs fs, boolean hybrid) {
    return new CgroupManager(HostSyscalls.get(), new CgroupHierarchy(fs.root(), hybrid, "/"),
        Duration.ofMillis(50));
  }

  private static CgroupSettings settings(Resources resources, boolean ignoreLimits) {
    ConfigProblems problems = new ConfigProblems();
    CgroupLimits limits = ResourceConversion.convert(resources, "$.linux.resources", problems);
    problems.throwIfAny();
    return new CgroupSettings(limits, Optional.empty(), ignoreLimits);
  }

  private static Resources limits() {
    return Resources.builder()
        .memory(Memory.builder().limit(1048576L).swap(2097152L).reservation(4096L).build())
        .cpu(Cpu.builder().shares(512L).quota(20000L).build())
        .pids(new Pids(64))
        .blockIo(BlockIo.builder().weight(100).build())
        .build();
  }

  private static Map<String, String> interfaceFiles() {
    return Map.of("memory.max", "max\n", "memory.swap.max", "max\n", "memory.low", "0\n",
        "cpu.weight", "100\n", "cpu.max", "max 100000\n", "pids.max", "max\n",
        "io.weight", "default 100\n");
  }

  @Test
  void createWritesTheLimitsAndEnablesTheirControllersInEachParent() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa", Map.of());
    fs.cgroup("capsa/web", interfaceFiles());

    try (Cgroup cgroup = manager(fs, false).create(WEB, settings(limits(), false))) {
      assertEquals(temp.resolve("capsa/web"), cgroup.directory());
    }

    assertEquals("+cpu +io +memory +pids", fs.read("cgroup.subtree_control"));
    assertEquals("+cpu +io +memory +pids", fs.read("capsa/cgroup.subtree_control"));
    assertEquals("", fs.read("capsa/web/cgroup.subtree_control"));
    assertEquals("1048576", fs.read("capsa/web/memory.max"));
    assertEquals("1048576", fs.read("capsa/web/memory.swap.max"));
    assertEquals("4096", fs.read("capsa/web/memory.low"));
    assertEquals("59", fs.read("capsa/web/cpu.weight"), "runc's quadratic fit of 512 shares");
    assertEquals("20000 100000", fs.read("capsa/web/cpu.max"));
    assertEquals("64", fs.read("capsa/web/pids.max"));
    assertEquals("910", fs.read("capsa/web/io.weight"), "no BFQ here: io.weight, converted");
  }

  @Test
  void aHybridHostWithoutTheControllerNamesItAndTheWayOut() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, "hugetlb");
    Resources memory = Resources.builder().memory(Memory.builder().limit(1L).build()).build();

    MissingControllersException missing = assertThrows(MissingControllersException.class,
        () -> manager(fs, true).create(WEB, settings(memory, false)));

    assertEquals("cgroup controller \"memory\" (needed by $.linux.resources.memory.limit) is not "
        + "available in the cgroup v2 hierarchy at " + temp + " (available: hugetlb); this host "
        + "mounts cgroups in the hybrid v1/v2 layout — run on a pure cgroup v2 host, or ignore "
        + "resource limits (capsa --ignore-resource-limits,"
        + " ContainerRuntime.Builder.ignoreResourceLimits)", missing.getMessage());
    assertEquals(List.of("memory"), missing.controllers());
    assertFalse(Files.exists(temp.resolve("capsa")), "nothing was made");
  }

  @Test
  void aPureHostWithoutControllersSaysWhereToEnableThem() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, "");
    CgroupManager manager = manager(fs, false);

    MissingControllersException missing = assertThrows(MissingControllersException.class,
        () -> manager.checkControllers(settings(limits(), false)));

    assertEquals(List.of("cpu", "io", "memory", "pids"), missing.controllers());
    assertTrue(missing.getMessage().startsWith("cgroup controllers \"cpu\" (needed by "
        + "$.linux.resources.cpu.shares), \"io\" (needed by $.linux.resources.blockIO.weight), "
        + "\"memory\" (needed by $.linux.resources.memory.swap), \"pids\" (needed by "
        + "$.linux.resources.pids.limit) are not available in the cgroup v2 hierarchy at "
        + temp + " (available: none); enable them in the cgroup.subtree_control of the "
        + "cgroups above, or ignore resource limits (capsa"
        + " --ignore-resource-limits, ContainerRuntime.Builder.ignoreResourceLimits)"),
        missing.getMessage());
  }

  @Test
  void ignoringLimitsNeedsNoControllerAndWritesNothing() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, "hugetlb");
    fs.cgroup("capsa", Map.of());
    fs.cgroup("capsa/web", interfaceFiles());

    manager(fs, true).create(WEB, settings(limits(), true)).close();

    assertEquals("", fs.read("cgroup.subtree_control"));
    assertEquals("max\n", fs.read("capsa/web/memory.max"));
  }

  @Test
  void aCgroupWithProcessesIsNotTheContainers() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa/web", Map.of("cgroup.events", "populated 1\nfrozen 0\n",
        "cgroup.procs", "4242\n"));

    CgroupException taken = assertThrows(CgroupException.class,
        () -> manager(fs, false).create(WEB, settings(null, false)));

    assertEquals("cgroup /capsa/web (" + temp.resolve("capsa/web") + ") already exists and has "
        + "processes in it, so it is not this container's; choose another linux.cgroupsPath, or "
        + "remove the processes and the cgroup", taken.getMessage());
  }

  @Test
  void anEmptyFrozenCgroupIsTakenOverThawed() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa/web", Map.of("cgroup.events", "populated 0\nfrozen 1\n",
        "cgroup.freeze", "1\n"));

    manager(fs, false).create(WEB, settings(null, false)).close();

    assertEquals("0", fs.read("capsa/web/cgroup.freeze"));
  }

  @Test
  void aFailedCreateRemovesTheDirectoriesItMade() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    Resources memory = Resources.builder().memory(Memory.builder().limit(1L).build()).build();

    CgroupException failed = assertThrows(CgroupException.class,
        () -> manager(fs, false).create(WEB, settings(memory, false)));

    assertTrue(failed.getMessage().startsWith("cannot create cgroup /capsa/web under " + temp
        + ": openat2 " + temp.resolve("capsa/cgroup.subtree_control") + ": ENOENT"),
        failed.getMessage());
    assertFalse(Files.exists(temp.resolve("capsa")));
  }

  @Test
  void aWriteTheKernelRefusesNamesTheFileTheValueAndTheConfigMember() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa", Map.of());
    fs.cgroup("capsa/web", Map.of());
    Resources pids = Resources.builder().pids(new Pids(3)).build();

    CgroupException refused = assertThrows(CgroupException.class,
        () -> manager(fs, false).create(WEB, settings(pids, false)));

    assertTrue(refused.getMessage().startsWith("cannot set pids.max to \"3\" for "
        + "$.linux.resources.pids.limit in " + temp.resolve("capsa/web") + ": openat2 "
        + temp.resolve("capsa/web/pids.max") + ": ENOENT"), refused.getMessage());
  }

  @Test
  void updateChecksMemoryUsageThenWrites() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa", Map.of());
    fs.cgroup("capsa/web", Map.of("memory.max", "max\n", "memory.current", "100000\n"));
    try (Cgroup cgroup = manager(fs, false).open(WEB)) {
      CgroupException rejected = assertThrows(CgroupException.class, () -> cgroup.update(
          settings(Resources.builder().memory(Memory.builder().limit(50000L)
              .checkBeforeUpdate(true).build()).build(), false)));
      assertEquals("cannot update " + temp.resolve("capsa/web") + ": rejecting memory limit "
          + "50000 <= usage 100000 (memory.checkBeforeUpdate)", rejected.getMessage());
      assertEquals("max\n", fs.read("capsa/web/memory.max"));

      cgroup.update(settings(Resources.builder().memory(Memory.builder().limit(500000L)
          .checkBeforeUpdate(true).build()).build(), false));
      assertEquals("500000", fs.read("capsa/web/memory.max"));
      assertEquals("+memory", fs.read("capsa/cgroup.subtree_control"));
    }
  }

  @Test
  void updateRefusesAControllerTheHostLacks() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, "pids");
    fs.cgroup("capsa/web", Map.of());
    try (Cgroup cgroup = manager(fs, true).open(WEB)) {
      assertThrows(MissingControllersException.class, () -> cgroup.update(settings(
          Resources.builder().cpu(Cpu.builder().quota(1000L).build()).build(), false)));
    }
  }

  @Test
  void processesOfTheCgroupAndEveryCgroupBelow() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa/web", Map.of("cgroup.procs", "10\n11\n"));
    fs.cgroup("capsa/web/inner", Map.of("cgroup.procs", "12\n"));
    fs.cgroup("capsa/web/inner/deeper", Map.of("cgroup.procs", "13\n"));
    try (Cgroup cgroup = manager(fs, false).open(WEB)) {
      assertEquals(List.of(10, 11, 12, 13), cgroup.processes());
    }
  }

  @Test
  void freezingWaitsForTheKernelAndGivesUpAtTheLimit() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    fs.cgroup("capsa/web", Map.of());
    try (Cgroup cgroup = manager(fs, false).open(WEB)) {
      CgroupException timedOut = assertThrows(CgroupException.class, cgroup::freeze);
      assertEquals("timed out after 50 ms waiting for " + temp.resolve("capsa/web")
          + " to be frozen (cgroup.events: {populated=0, frozen=0})", timedOut.getMessage());
      assertEquals("1", fs.read("capsa/web/cgroup.freeze"));
      assertFalse(cgroup.isFrozen());
    }
  }

  @Test
  void openingAMissingCgroup() {
    FakeCgroupfs fs = new FakeCgroupfs(temp, ALL_CONTROLLERS);
    assertTrue(manager(fs, false).openIfExists(WEB).isEmpty());
    assertEquals("cgroup /capsa/web does not exist under " + temp,
        assertThrows(CgroupException.class, () -> manager(fs, false).open(WEB)).getMessage());
  }
}
