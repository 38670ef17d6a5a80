package io.capsa.runtime.cgroups;

import static io.capsa.sys.ArchConstant.CLONE_NEWCGROUP;
import static io.capsa.sys.ArchConstant.SIGTERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.init.InitBinary;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager on this machine's real cgroup v2 hierarchy, as root, with processes born in the
 * cgroup by capsa-init: what needs no resource controller (on this project's hybrid hosts the
 * v2 hierarchy has none): the process list, freezing, signalling, killing, removal, the cgroup
 * namespace, the device filter, and the error for limits the host cannot enforce.
 */
class CgroupHostTest {
  private static final HostSyscalls HOST = HostSyscalls.get();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir Path temp;
  private CgroupManager manager;
  private CgroupPath path;
  private Path output;

  @BeforeEach
  void needsRootCapsaInitAndCgroup2() {
    assumeTrue(HOST.geteuid() == 0, "making cgroups needs root");
    assumeTrue(InitBinary.isAvailable(Arch.current()), "capsa-init was not built here");
    manager = CgroupManager.forThisHost();
    path = CgroupPath.of("/capsa-test-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet());
    output = temp.resolve("output");
  }

  @AfterEach
  void removeTheCgroup() {
    if (manager != null) {
      manager.openIfExists(path).ifPresent(Cgroup::remove);
    }
  }

  private static CgroupSettings noLimits() {
    ConfigProblems problems = new ConfigProblems();
    CgroupSettings settings = CgroupSettings.forContainer(null, false, problems);
    problems.throwIfAny();
    return settings;
  }

  @Test
  void aProcessBornInTheCgroupIsListedFrozenThawedSignalledAndTheCgroupRemoved()
      throws Exception {
    Cgroup cgroup = manager.create(path, noLimits());
    try (ProcessInCgroup spinner = ProcessInCgroup.start(cgroup, 0, output,
        "/bin/sh", "-c", "while :; do :; done")) {
      assertEquals(List.of(spinner.pid()), cgroup.processes());
      assertTrue(Files.readString(Path.of("/proc/" + spinner.pid() + "/cgroup"))
          .contains("0::" + path + "\n"));
      assertTrue(cgroup.isPopulated());

      cgroup.freeze();
      assertTrue(cgroup.isFrozen());
      assertTrue(Files.readString(cgroup.directory().resolve("cgroup.events"))
          .contains("frozen 1"));
      long frozenAt = cpuTicks(spinner.pid());
      Thread.sleep(300);
      assertEquals(frozenAt, cpuTicks(spinner.pid()), "a frozen process gets no CPU");

      cgroup.thaw();
      assertFalse(cgroup.isFrozen());
      awaitCpuTicksAbove(spinner.pid(), frozenAt);

      cgroup.signalAll((int) Arch.current().constant(SIGTERM));
      assertEquals(128 + 15, spinner.waitFor());
    }
    assertFalse(cgroup.isFrozen(), "signalAll thaws what it froze");
    assertTrue(cgroup.stats().cpu().usageUsec() > 0);

    cgroup.remove();
    assertFalse(Files.exists(path.under(manager.hierarchy().mountPoint())));
  }

  @Test
  void killAllAndRemoveEndEveryProcess() throws Exception {
    Cgroup cgroup = manager.create(path, noLimits());
    try (ProcessInCgroup first = ProcessInCgroup.start(cgroup, 0, output, "/bin/sleep", "60");
        ProcessInCgroup second = ProcessInCgroup.start(cgroup, 0, output,
            "/bin/sh", "-c", "sleep 60 & exec sleep 60")) {
      awaitProcessCount(cgroup, 3);
      assertEquals(3, cgroup.stats().pids().current());
      cgroup.killAll();
      assertEquals(128 + 9, first.waitFor());
      assertEquals(128 + 9, second.waitFor());
    }
    try (ProcessInCgroup frozen = ProcessInCgroup.start(cgroup, 0, output, "/bin/sleep", "60")) {
      cgroup.freeze();
      cgroup.remove();
      assertEquals(128 + 9, frozen.waitFor(), "remove kills what still runs, frozen or not");
    }
    assertFalse(Files.exists(path.under(manager.hierarchy().mountPoint())));
  }

  @Test
  void aNewCgroupNamespaceIsRootedAtTheContainersCgroup() throws IOException {
    try (Cgroup cgroup = manager.create(path, noLimits());
        ProcessInCgroup cat = ProcessInCgroup.start(cgroup,
            Arch.current().constant(CLONE_NEWCGROUP), output, "/bin/cat", "/proc/self/cgroup")) {
      assertEquals(0, cat.waitFor());
    }
    assertTrue(Files.readAllLines(output).contains("0::/"), Files.readString(output));
  }

  @Test
  void theDeviceFilterDeniesWhatTheRulesDoNotAllowAndAnUpdateReplacesIt() throws IOException {
    String probe = "if (: > /dev/null) 2>/dev/zero; then echo null-write; fi;"
        + " if (: < /dev/null) 2>/dev/zero; then echo null-read; fi;"
        + " if (: < /dev/zero) 2>/dev/zero; then echo zero-read; fi";
    ConfigProblems problems = new ConfigProblems();
    List<DeviceRule> readOnlyNull = DeviceRules.fromConfig(List.of(
        new DeviceCgroup(true, "c", 1L, 5L, "rwm"),
        new DeviceCgroup(true, "c", 1L, 3L, "r")), "$.devices", problems);
    problems.throwIfAny();
    CgroupSettings settings =
        new CgroupSettings(CgroupLimits.NONE, Optional.of(readOnlyNull), false);

    try (Cgroup cgroup = manager.create(path, settings)) {
      assertEquals("null-read\nzero-read\n", run(cgroup, probe));

      cgroup.update(new CgroupSettings(CgroupLimits.NONE, Optional.of(DeviceRules.forContainer(
          null, null, "$.devices", problems)), false));
      assertEquals("null-write\nnull-read\nzero-read\n", run(cgroup, probe));
      assertEquals(1, attachedDeviceFilters(cgroup), "the update replaced the first filter");
    }
  }

  @Test
  void limitsThisHostCannotEnforceFailNamingTheControllerUnlessIgnored() throws IOException {
    Linux linux = Linux.builder().resources(Resources.builder()
        .memory(Memory.builder().limit(64L << 20).build()).build()).build();
    CgroupHierarchy hierarchy = manager.hierarchy();
    assumeTrue(hierarchy.hybrid() && !Files.readString(
        hierarchy.mountPoint().resolve("cgroup.controllers")).contains("memory"),
        "this host's cgroup v2 hierarchy has the memory controller");
    ConfigProblems problems = new ConfigProblems();

    MissingControllersException missing = assertThrows(MissingControllersException.class,
        () -> manager.create(path, CgroupSettings.forContainer(linux, false, problems)));
    assertTrue(missing.getMessage().startsWith("cgroup controller \"memory\" (needed by "
        + "$.linux.resources.memory.limit) is not available in the cgroup v2 hierarchy at "
        + hierarchy.mountPoint() + " (available: "), missing.getMessage());
    assertTrue(missing.getMessage().endsWith("); this host mounts cgroups in the hybrid v1/v2 "
        + "layout — run on a pure cgroup v2 host, or ignore resource limits (capsa"
        + " --ignore-resource-limits, ContainerRuntime.Builder.ignoreResourceLimits)"));
    assertFalse(Files.exists(path.under(hierarchy.mountPoint())));

    try (Cgroup cgroup = manager.create(path, CgroupSettings.forContainer(linux, true,
        problems))) {
      assertEquals("ran\n", run(cgroup, "echo ran"));
    }
    assertEquals(List.of(), problems.list());
  }

  @Test
  void aCgroupWithSomeoneElsesProcessesIsRefused() {
    try (Cgroup cgroup = manager.create(path, noLimits());
        ProcessInCgroup other = ProcessInCgroup.start(cgroup, 0, output, "/bin/sleep", "60")) {
      CgroupException taken = assertThrows(CgroupException.class,
          () -> manager.create(path, noLimits()));
      assertTrue(taken.getMessage().contains("already exists and has processes in it"),
          taken.getMessage());
      cgroup.killAll();
      other.waitFor();
    }
  }

  private String run(Cgroup cgroup, String script) throws IOException {
    Files.deleteIfExists(output);
    try (ProcessInCgroup shell = ProcessInCgroup.start(cgroup, 0, output, "/bin/sh", "-c",
        script)) {
      assertEquals(0, shell.waitFor(), () -> read(output));
    }
    return read(output);
  }

  private static int attachedDeviceFilters(Cgroup cgroup) {
    try (Fd directory = HOST.openat2(Fd.cwd(), cgroup.directory().toString(),
        OpenHow.of(Arch.current().constant(ArchConstant.O_RDONLY)
            | Arch.current().constant(ArchConstant.O_DIRECTORY), 0))) {
      return HOST.bpfProgQuery(directory,
          (int) Arch.current().constant(ArchConstant.BPF_CGROUP_DEVICE)).size();
    }
  }

  private static void awaitProcessCount(Cgroup cgroup, int count) throws InterruptedException {
    for (int i = 0; i < 500 && cgroup.processes().size() != count; i++) {
      Thread.sleep(10);
    }
    assertEquals(count, cgroup.processes().size(), cgroup.processes().toString());
  }

  /** utime + stime of /proc/PID/stat. */
  private static long cpuTicks(int pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static void awaitCpuTicksAbove(int pid, long ticks) throws Exception {
    for (int i = 0; i < 200 && cpuTicks(pid) <= ticks; i++) {
      Thread.sleep(10);
    }
    assertTrue(cpuTicks(pid) > ticks, "a thawed process runs again");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
