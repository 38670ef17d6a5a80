package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.IdMapping;
import io.capsa.oci.Spec;
import io.capsa.oci.Status;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.Stdio;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import io.capsa.runtime.cgroups.CgroupPath;
import io.capsa.runtime.cgroups.MissingControllersException;
import io.capsa.runtime.cgroups.RuncStatsJson;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.state.ContainerStateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup of real busybox containers on this host (root): the init born in it, a cgroup
 * namespace rooted at it, pause and resume, kill of every process, the process list and stats,
 * its removal, and limits the host's cgroup v2 hierarchy cannot enforce (on this project's
 * hybrid hosts it has no resource controllers) refused unless the runtime ignores them.
 */
class ContainerCgroupTest {
  private static final long MIB = 1 << 20;

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private CgroupHierarchy hierarchy;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
    hierarchy = CgroupHierarchy.ofThisProcess();
  }

  private Path bundle(String script) throws Exception {
    return bundle(script, spec -> spec);
  }

  private Path bundle(String script, UnaryOperator<Spec> change) throws Exception {
    return TestBundle.create(Files.createTempDirectory(dir, "bundle",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))),
        List.of("sh", "-c", script), change);
  }

  private static Spec withNamespaces(Spec spec, NamespaceType... more) {
    List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
    for (NamespaceType type : more) {
      namespaces.add(new Namespace(type));
    }
    return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(namespaces).build())
        .build();
  }

  private static Spec withResources(Spec spec, Resources resources) {
    return spec.toBuilder().linux(spec.linux().toBuilder().resources(resources).build()).build();
  }

  /** The cgroup a container without linux.cgroupsPath gets: its id beside the runtime's own. */
  private CgroupPath defaultCgroup(String id) {
    return CgroupPath.forContainer(null, id, hierarchy.ownCgroup(), new ConfigProblems());
  }

  private Container create(ContainerRuntime by, String id, Path bundle) {
    return by.create(id, bundle, CreateOptions.builder()
        .stdio(Stdio.files(Path.of("/dev/null"), output(id), output(id))).build());
  }

  private Path output(String id) {
    return dir.resolve(id + ".out");
  }

  @Test
  void theInitIsBornInTheContainersCgroupWhichDeleteRemoves() throws Exception {
    Path directory = hierarchy.directoryOf(defaultCgroup("born"));
    try (Container container = create(runtime, "born", bundle("sleep 1000"))) {
      int pid = container.state().pid();
      assertTrue(Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))
          .contains("0::" + defaultCgroup("born")));
      assertEquals(List.of(pid), container.processes());
      assertEquals(List.of(Integer.toString(pid)),
          Files.readAllLines(directory.resolve("cgroup.procs")));
    }
    assertFalse(Files.exists(directory));
  }

  @Test
  void anAbsoluteCgroupsPathIsTakenFromTheHierarchysRoot() throws Exception {
    String path = "/capsa-it-absolute-" + ProcessHandle.current().pid();
    Path bundle = bundle("cat /proc/self/cgroup",
        spec -> spec.toBuilder().linux(spec.linux().toBuilder().cgroupsPath(path).build())
            .build());

    String output = ContainerRuns.run(runtime, "absolute", bundle).output();

    assertTrue(output.lines().toList().contains("0::" + path), output);
    assertFalse(Files.exists(hierarchy.mountPoint().resolve(path.substring(1))));
  }

  @Test
  void aNewCgroupNamespaceShowsTheContainerItsCgroupAsTheRoot() throws Exception {
    String inOwn = ContainerRuns.run(runtime, "own-ns", bundle("cat /proc/self/cgroup",
        spec -> withNamespaces(spec, NamespaceType.CGROUP))).output();
    String inHosts = ContainerRuns.run(runtime, "hosts-ns", bundle("cat /proc/self/cgroup"))
        .output();

    assertTrue(inOwn.lines().toList().contains("0::/"), inOwn);
    assertTrue(inHosts.lines().toList().contains("0::" + defaultCgroup("hosts-ns")), inHosts);
  }

  /**
   * clone3 into the cgroup needs the host's root: the init becomes the user namespace's root
   * only once it is in its cgroup.
   */
  @Test
  void aContainerWithAUserNamespaceIsBornInItsCgroupToo() throws Exception {
    // The container's root is host uid 100000, which must be able to reach the rootfs.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bundle = bundle("cat /proc/self/cgroup; id -u", spec -> {
      Spec withUser = withNamespaces(spec, NamespaceType.USER, NamespaceType.CGROUP);
      return withUser.toBuilder().linux(withUser.linux().toBuilder()
          .uidMappings(List.of(new IdMapping(0, 100000, 65536)))
          .gidMappings(List.of(new IdMapping(0, 100000, 65536))).build()).build();
    });

    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "userns", bundle);

    assertEquals(ExitStatus.exited(0), outcome.status(), outcome.output());
    assertTrue(outcome.output().lines().toList().containsAll(List.of("0::/", "0")),
        outcome.output());
  }

  @Test
  void pauseFreezesEveryProcessUntilResume() throws Exception {
    try (Container container = create(runtime, "paused",
        bundle("while :; do :; done & while :; do :; done"))) {
      container.start();
      await(() -> container.processes().size() == 2, "both spinners");

      container.pause();
      assertEquals(Status.PAUSED, container.state().status());
      long frozenAt = cpuTicks(container.processes());
      Thread.sleep(300);
      assertEquals(frozenAt, cpuTicks(container.processes()), "a paused process gets no CPU");
      ContainerStateException twice = assertThrows(ContainerStateException.class,
          container::pause);
      assertTrue(twice.getMessage().startsWith("container not running"), twice.getMessage());
      assertThrows(ContainerStateException.class, () -> container.delete(false));

      container.resume();
      assertEquals(Status.RUNNING, container.state().status());
      await(() -> cpuTicks(container.processes()) > frozenAt, "the spinners to run again");
      ContainerStateException notPaused = assertThrows(ContainerStateException.class,
          container::resume);
      assertTrue(notPaused.getMessage().startsWith("container not paused"),
          notPaused.getMessage());

      container.pause();
      container.delete(true);
      assertEquals(ExitStatus.killed(Signal.KILL), container.exit().get(30, TimeUnit.SECONDS));
    }
  }

  /** The init (PID 1 of its namespace, no handler) ignores SIGTERM; its children do not. */
  @Test
  void killAllSignalsEveryProcessOfTheContainer() throws Exception {
    try (Container container = create(runtime, "all",
        bundle("sleep 1000 & sleep 1000 & wait; echo both gone"))) {
      container.start();
      await(() -> container.processes().size() == 3, "the init and its two sleeps");

      container.kill(Signal.TERM, true);

      assertEquals(ExitStatus.exited(0), container.exit().get(30, TimeUnit.SECONDS));
      assertEquals("both gone\n", Files.readString(output("all")));
    }
  }

  /**
   * Without a PID namespace of its own, processes outlive a killed init; kill --all and delete
   * reach them through the cgroup.
   */
  @Test
  void withoutItsOwnPidNamespaceKillAllAndDeleteStillReachEveryProcess() throws Exception {
    UnaryOperator<Spec> sharedPids = spec -> spec.toBuilder().linux(spec.linux().toBuilder()
        .namespaces(spec.linux().namespaces().stream()
            .filter(ns -> ns.type() != NamespaceType.PID).toList()).build()).build();
    List<Integer> left;
    try (Container container = create(runtime, "shared-pids",
        bundle("sleep 1000 & sleep 1000 & wait", sharedPids))) {
      container.start();
      await(() -> container.processes().size() == 3, "the init and its two sleeps");
      container.kill(Signal.KILL);
      container.exit().get(30, TimeUnit.SECONDS);
      left = container.processes();
      assertEquals(2, left.size(), "the sleeps outlive their init");
      container.delete();
    }
    await(() -> left.stream().noneMatch(pid -> ProcessHandle.of(pid)
        .map(ProcessHandle::isAlive).orElse(false)), "delete to kill the leftovers");

    try (Container container = create(runtime, "shared-all",
        bundle("sleep 1000 & sleep 1000 & wait", sharedPids))) {
      container.start();
      await(() -> container.processes().size() == 3, "the init and its two sleeps");
      container.kill(Signal.KILL, true);
      assertEquals(ExitStatus.killed(Signal.KILL), container.exit().get(30, TimeUnit.SECONDS));
      await(() -> container.processes().isEmpty(), "kill --all to reach every process");
    }
  }

  @Test
  void theStatsReportTheContainersUse() throws Exception {
    try (Container container = create(runtime, "stats",
        bundle("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 1000"))) {
      container.start();
      await(() -> container.stats().cpu().usageUsec() > 1000, "some CPU time");

      String event = RuncStatsJson.event("stats", container.stats());

      assertTrue(event.startsWith("{\"type\":\"stats\",\"id\":\"stats\",\"data\":{\"cpu\":"),
          event);
    }
  }

  @Test
  void limitsThisHostCannotEnforceFailNamingTheControllerUnlessIgnored() throws Exception {
    assumeTrue(!Files.readString(hierarchy.mountPoint().resolve("cgroup.controllers"))
        .contains("memory"), "this host's cgroup v2 hierarchy has the memory controller");
    Path bundle = bundle("echo ran", spec -> withResources(spec,
        Resources.builder().memory(Memory.builder().limit(64 * MIB).build()).build()));
    HostTraces before = HostTraces.of(runtime.root());

    MissingControllersException missing = assertThrows(MissingControllersException.class,
        () -> runtime.create("limited", bundle));

    assertTrue(missing.getMessage().startsWith("cgroup controller \"memory\" (needed by"
        + " $.linux.resources.memory.limit) is not available in the cgroup v2 hierarchy at "
        + hierarchy.mountPoint()), missing.getMessage());
    String wayOut = "or ignore resource limits (capsa --ignore-resource-limits,"
        + " ContainerRuntime.Builder.ignoreResourceLimits)";
    assertTrue(missing.getMessage().endsWith(hierarchy.hybrid()
        ? "this host mounts cgroups in the hybrid v1/v2 layout — run on a pure cgroup v2 host, "
            + wayOut : wayOut),
        missing.getMessage());
    assertEquals(before, HostTraces.of(runtime.root()), "the refused create left something");

    ContainerRuntime ignoring =
        ContainerRuntime.builder().root(runtime.root()).ignoreResourceLimits(true).build();
    ContainerRuns.Outcome outcome = ContainerRuns.run(ignoring, "limited", bundle);
    assertEquals(ExitStatus.exited(0), outcome.status());
    assertEquals("ran\n", outcome.output());
  }

  @Test
  void anUpdateTheHostCannotEnforceFailsUnlessLimitsAreIgnored() throws Exception {
    assumeTrue(!Files.readString(hierarchy.mountPoint().resolve("cgroup.controllers"))
        .contains("pids"), "this host's cgroup v2 hierarchy has the pids controller");
    Resources fewerPids = Resources.builder().pids(new Pids(10)).build();
    try (Container container = create(runtime, "updated", bundle("sleep 1000"))) {
      MissingControllersException missing = assertThrows(MissingControllersException.class,
          () -> container.update(fewerPids));
      assertTrue(missing.getMessage().startsWith("cgroup controller \"pids\" (needed by"
          + " $.pids.limit)"), missing.getMessage());

      ContainerRuntime.builder().root(runtime.root()).ignoreResourceLimits(true).build()
          .load("updated").update(fewerPids);
      assertFalse(Files.exists(hierarchy.directoryOf(defaultCgroup("updated"))
          .resolve("pids.max")));
    }
  }

  private static long cpuTicks(List<Integer> pids) {
    long ticks = 0;
    for (int pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException e) {
        throw new AssertionError("process " + pid + " of the container is gone", e);
      }
    }
    return ticks;
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }
}
