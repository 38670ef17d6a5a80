package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.DeviceType;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.linux.ThrottleDevice;
import io.capsa.runtime.Container;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.HostSyscalls;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a kernel with a pure cgroup v2 hierarchy can show: that the limits are enforced.
 * Run by scripts/guest-tests.sh inside ../shared/guest/run-guest.sh's software-emulated guest
 * (slow: keep each test to one point); left out of the normal build by its tag. The memory and
 * pids limits are shown on real busybox containers made by the runtime; the other tests run
 * processes that capsa-init starts in their cgroup with clone3(CLONE_INTO_CGROUP), as it
 * starts a container's init.
 *
 * <p>With the system property {@code capsa.guest.required} (the script sets it) a machine
 * without such a hierarchy fails the class instead of skipping it.
 */
@Tag("guest")
class CgroupGuestTest {
  private static final List<String> CONTROLLERS = List.of("cpu", "io", "memory", "pids");
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final long MIB = 1 << 20;

  @TempDir Path temp;
  private CgroupManager manager;
  private CgroupPath path;
  private Path output;
  private GuestContainers containers;

  @BeforeAll
  static void needsAPureCgroupV2Hierarchy() throws IOException {
    CgroupHierarchy hierarchy = CgroupHierarchy.ofThisProcess();
    String controllers = Files.readString(hierarchy.mountPoint().resolve("cgroup.controllers"));
    boolean usable = HostSyscalls.get().geteuid() == 0 && !hierarchy.hybrid()
        && CONTROLLERS.stream().allMatch(controllers::contains);
    String why = "needs root and a pure cgroup v2 hierarchy with " + CONTROLLERS + "; "
        + hierarchy + " has: " + controllers.strip();
    if (Boolean.getBoolean("capsa.guest.required")) {
      assertTrue(usable, why);
    } else {
      assumeTrue(usable, why);
    }
  }

  @BeforeEach
  void names() {
    manager = CgroupManager.forThisHost();
    path = CgroupPath.of("/capsa-guest-" + COUNTER.incrementAndGet());
    output = temp.resolve("output");
    containers = new GuestContainers(temp);
  }

  @AfterEach
  void removeLeavesNoCgroup() {
    manager.openIfExists(path).ifPresent(Cgroup::remove);
    assertFalse(Files.exists(path.under(manager.hierarchy().mountPoint())));
  }

  private Cgroup create(Resources resources) {
    return create(Linux.builder().resources(resources).build());
  }

  private Cgroup create(Linux linux) {
    ConfigProblems problems = new ConfigProblems();
    CgroupSettings settings = CgroupSettings.forContainer(linux, false, problems);
    problems.throwIfAny();
    return manager.create(path, settings);
  }

  /** A busybox container whose dd needs 64 MiB under a memory.max of 32 MiB without swap. */
  @Test
  void memoryMaxOomKillsAContainersMemoryHogAndTheStatsSaySo() throws Exception {
    Resources resources = Resources.builder()
        .memory(Memory.builder().limit(32 * MIB).swap(32 * MIB).build()).build();
    try (Container container = containers.create("hog", path, resources,
        "dd if=/dev/zero of=/dev/null bs=64M count=1 2>/dev/null; echo dd $?; exec sleep 1000")) {
      container.start();
      await(() -> read(containers.output("hog")).contains("dd "), "the hog to end");
      assertEquals("dd 137\n", read(containers.output("hog")), "SIGKILL from the OOM killer");

      CgroupStats stats = container.stats();
      assertEquals(1, stats.memory().oomKills(), stats.memory().events().toString());
      assertEquals(32 * MIB, stats.memory().usage().limit());
      assertTrue(RuncStatsJson.event("hog", stats).contains("\"oom_kill\":1"));
    }
  }

  /**
   * A busybox container's fork bomb stops at pids.max; its init, exec'd into sleep, needs no
   * pid of its own meanwhile, and kill --all ends the lot.
   */
  @Test
  void pidsMaxCapsAContainersForkBomb() throws Exception {
    try (Container container = containers.create("bomb", path,
        Resources.builder().pids(new Pids(24)).build(),
        "sh -c 'bomb() { bomb | bomb & }; bomb' 2>/dev/null; exec sleep 1000")) {
      container.start();
      try (Cgroup cgroup = manager.open(path)) {
        await(() -> pidsEventsMax(cgroup) > 0, "the fork bomb to hit pids.max");
      }
      CgroupStats.Pids pids = container.stats().pids();
      assertEquals(24, pids.limit());
      assertTrue(pids.current() <= 24, pids.toString());

      container.kill(Signal.KILL, true);

      assertEquals(ExitStatus.killed(Signal.KILL), container.exit().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void cpuMaxThrottles() {
    Resources resources =
        Resources.builder().cpu(Cpu.builder().quota(10_000L).period(100_000L).build()).build();
    try (Cgroup cgroup = create(resources);
        ProcessInCgroup spinner = ProcessInCgroup.start(cgroup, 0, output, "/usr/bin/timeout",
            "1", "/bin/sh", "-c", "while :; do :; done")) {
      assertEquals(124, spinner.waitFor(), "timeout ends the spinner");
      CgroupStats.Cpu cpu = cgroup.stats().cpu();
      assertTrue(cpu.throttledPeriods() > 0, cpu.toString());
      assertTrue(cpu.throttledUsec() > 0, cpu.toString());
    }
  }

  @Test
  void ioMaxIsAcceptedForALoopDevice() throws Exception {
    Path image = temp.resolve("disk.img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(16 * MIB);
    }
    command("modprobe", "loop");
    String loop = command("losetup", "-f", "--show", image.toString()).strip();
    try {
      String[] device = Files.readString(Path.of("/sys/class/block")
          .resolve(Path.of(loop).getFileName()).resolve("dev")).strip().split(":");
      long major = Long.parseLong(device[0]);
      long minor = Long.parseLong(device[1]);
      Resources resources = Resources.builder().blockIo(BlockIo.builder()
          .throttleWriteBpsDevice(List.of(new ThrottleDevice(major, minor, MIB)))
          .throttleReadIopsDevice(List.of(new ThrottleDevice(major, minor, 100L)))
          .build()).build();
      try (Cgroup cgroup = create(resources)) {
        assertEquals(major + ":" + minor + " rbps=max wbps=1048576 riops=100 wiops=max",
            Files.readString(cgroup.directory().resolve("io.max")).strip());
      }
    } finally {
      command("losetup", "-d", loop);
    }
  }

  /**
   * runc's default rules come last and allow /dev/null; a config that creates /dev/null itself
   * replaces that default, and here allows only reading it.
   */
  @Test
  void theDeviceFilterDeniesWritingDevNullAndAllowsDevZero() {
    Linux linux = Linux.builder()
        .devices(List.of(new Device("/dev/null", DeviceType.CHAR, 1, 3)))
        .resources(Resources.builder()
            .devices(List.of(new DeviceCgroup(true, "c", 1L, 3L, "r"))).build())
        .build();
    try (Cgroup cgroup = create(linux)) {
      assertEquals("zero-write\nnull-read\n", run(cgroup,
          "if (: > /dev/null) 2>/dev/zero; then echo null-write; fi;"
              + " if (: > /dev/zero) 2>/dev/zero; then echo zero-write; fi;"
              + " if (: < /dev/null) 2>/dev/zero; then echo null-read; fi"));
    }
  }

  @Test
  void anUpdateChangesMemoryMaxLive() throws IOException {
    Resources resources = Resources.builder()
        .memory(Memory.builder().limit(64 * MIB).build()).build();
    try (Cgroup cgroup = create(resources);
        ProcessInCgroup sleeper = ProcessInCgroup.start(cgroup, 0, output, "/bin/sleep", "60")) {
      ConfigProblems problems = new ConfigProblems();
      cgroup.update(CgroupSettings.forUpdate(new ResourceUpdate(resources, Resources.builder()
          .memory(Memory.builder().limit(48 * MIB).checkBeforeUpdate(true).build()).build()),
          null, false, problems));
      assertEquals(List.of(), problems.list());
      assertEquals(Long.toString(48 * MIB),
          Files.readString(cgroup.directory().resolve("memory.max")).strip());
      assertEquals(List.of(sleeper.pid()), cgroup.processes());
    }
  }

  /**
   * Partial updates of a busybox container, as runc makes them: each starts from what the
   * container has (its configuration, then what the last update left), so what an update does
   * not name keeps its value, and a value made of two (cpu.max of quota and period,
   * memory.swap.max of the limit and memory+swap) is made from the kept half and the new one.
   */
  @Test
  void aPartialUpdateKeepsTheContainersOtherResources() throws Exception {
    Resources resources = Resources.builder()
        .memory(Memory.builder().limit(64 * MIB).swap(96 * MIB).build())
        .cpu(Cpu.builder().quota(20_000L).period(50_000L).build())
        .pids(new Pids(100))
        .build();
    try (Container container = containers.create("updated", path, resources, "exec sleep 1000")) {
      container.start();
      Path directory = path.under(manager.hierarchy().mountPoint());

      container.update(Resources.builder().pids(new Pids(50)).build());
      assertEquals(List.of("50", "67108864", "33554432", "20000 50000"), limits(directory));

      container.update(Resources.builder().cpu(Cpu.builder().quota(30_000L).build()).build());
      container.update(Resources.builder().memory(Memory.builder().limit(80 * MIB).build())
          .build());
      assertEquals(List.of("50", "83886080", "16777216", "30000 50000"), limits(directory));
    }
  }

  /** pids.max, memory.max, memory.swap.max and cpu.max of the cgroup at {@code directory}. */
  private static List<String> limits(Path directory) {
    return List.of("pids.max", "memory.max", "memory.swap.max", "cpu.max").stream()
        .map(file -> read(directory.resolve(file)).strip()).toList();
  }

  private String run(Cgroup cgroup, String script) {
    try (ProcessInCgroup shell = ProcessInCgroup.start(cgroup, 0, output, "/bin/sh", "-c",
        script)) {
      assertEquals(0, shell.waitFor(), () -> read(output));
    }
    return read(output);
  }

  private static long pidsEventsMax(Cgroup cgroup) {
    return CgroupFiles.flatKeyed(read(cgroup.directory().resolve("pids.events")))
        .getOrDefault("max", 0L);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A host tool's output; fails the test when it fails. */
  private static String command(String... argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", argv) + ": " + out);
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
