package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.HugepageLimit;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Network;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Rdma;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.linux.ThrottleDevice;
import io.capsa.oci.linux.WeightDevice;
import io.capsa.runtime.config.ConfigProblems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** runc update's rules: from the current resources, only what the update sets changes. */
class ResourceUpdateTest {
  private static final long MIB = 1 << 20;

  private static final Resources CURRENT = Resources.builder()
      .memory(Memory.builder().limit(100 * MIB).reservation(50 * MIB).swap(300 * MIB).build())
      .cpu(Cpu.builder().shares(512L).quota(20_000L).period(50_000L).cpus("0").build())
      .pids(new Pids(100))
      .build();

  /** The cgroup writes of the resources after {@code given}, with no problem on the way. */
  private static List<String> writesAfter(Resources current, Resources given) {
    ConfigProblems problems = new ConfigProblems();
    CgroupLimits limits = ResourceConversion.convert(new ResourceUpdate(current, given).merged(),
        "$", problems);
    assertEquals(List.of(), problems.list());
    return limits.writes().stream().map(CgroupWrite::toString).toList();
  }

  @Test
  void aPartialDocumentKeepsEveryOtherResource() {
    assertEquals(List.of("pids.max=50", "memory.swap.max=" + 200 * MIB,
        "memory.max=" + 100 * MIB, "memory.low=" + 50 * MIB, "cpu.weight=59",
        "cpu.max=20000 50000", "cpuset.cpus=0"),
        writesAfter(CURRENT, Resources.builder().pids(new Pids(50)).build()));
  }

  @Test
  void aNewMemoryLimitAlonePutsTheSwapLimitRightForTheKeptMemoryPlusSwap() {
    assertEquals(List.of("pids.max=100", "memory.swap.max=" + 150 * MIB,
        "memory.max=" + 150 * MIB, "memory.low=" + 50 * MIB, "cpu.weight=59",
        "cpu.max=20000 50000", "cpuset.cpus=0"),
        writesAfter(CURRENT, Resources.builder()
            .memory(Memory.builder().limit(150 * MIB).build()).build()));
  }

  @Test
  void aMemoryPlusSwapLimitAloneTakesTheKeptMemoryLimit() {
    List<String> writes = writesAfter(CURRENT, Resources.builder()
        .memory(Memory.builder().swap(400 * MIB).build()).build());

    assertEquals("memory.swap.max=" + 300 * MIB, writes.get(1));
    assertEquals("memory.max=" + 100 * MIB, writes.get(2));
  }

  @Test
  void noMemoryLimitLiftsTheSwapLimitTooUnlessOneIsGiven() {
    Memory lifted = new ResourceUpdate(CURRENT, Resources.builder()
        .memory(Memory.builder().limit(-1L).build()).build()).merged().memory();
    assertEquals(-1L, lifted.limit());
    assertNull(lifted.swap());
    assertEquals(List.of("memory.swap.max=max (skipped when absent)", "memory.max=max"),
        writesAfter(Resources.builder().memory(CURRENT.memory()).build(), Resources.builder()
            .memory(Memory.builder().limit(-1L).build()).build()).subList(0, 2));

    Memory withSwap = new ResourceUpdate(CURRENT, Resources.builder()
        .memory(Memory.builder().limit(-1L).swap(-1L).build()).build()).merged().memory();
    assertEquals(-1L, withSwap.swap());
  }

  @Test
  void aQuotaAloneKeepsThePeriodAndAPeriodAloneKeepsTheQuota() {
    Resources quota = Resources.builder().cpu(Cpu.builder().quota(30_000L).build()).build();
    Resources period = Resources.builder().cpu(Cpu.builder().period(60_000L).build()).build();
    Resources zeros = Resources.builder().cpu(Cpu.builder().quota(0L).period(0L).build()).build();

    assertEquals("cpu.max=30000 50000", cpuMax(writesAfter(CURRENT, quota)));
    assertEquals("cpu.max=20000 60000", cpuMax(writesAfter(CURRENT, period)));
    assertEquals("cpu.max=20000 50000", cpuMax(writesAfter(CURRENT, zeros)),
        "0 is runc's unset");
  }

  private static String cpuMax(List<String> writes) {
    return writes.stream().filter(write -> write.startsWith("cpu.max=")).findFirst()
        .orElseThrow();
  }

  @Test
  void checkBeforeUpdateHoldsForTheUpdateThatAsksForItOnly() {
    Resources checked = Resources.builder().memory(Memory.builder().limit(100 * MIB)
        .checkBeforeUpdate(true).build()).build();

    Resources after = new ResourceUpdate(checked, Resources.builder().pids(new Pids(5)).build())
        .merged();

    assertNull(after.memory().checkBeforeUpdate());
    assertEquals(true, new ResourceUpdate(CURRENT, checked).merged().memory()
        .checkBeforeUpdate());
  }

  @Test
  void devicesHugePagesAndRdmaAreMergedEntryByEntry() {
    Resources current = Resources.builder()
        .blockIo(BlockIo.builder().weight(300)
            .weightDevice(List.of(new WeightDevice(8, 0, 200, null)))
            .throttleReadBpsDevice(List.of(new ThrottleDevice(8, 0, 1000L),
                new ThrottleDevice(8, 16, 2000L))).build())
        .hugepageLimits(List.of(new HugepageLimit("2MB", 4 * MIB),
            new HugepageLimit("1GB", 0)))
        .rdma(Map.of("mlx4_0", new Rdma(2L, 20L)))
        .build();
    Resources given = Resources.builder()
        .blockIo(BlockIo.builder()
            .throttleReadBpsDevice(List.of(new ThrottleDevice(8, 16, 3000L),
                new ThrottleDevice(8, 32, 4000L))).build())
        .hugepageLimits(List.of(new HugepageLimit("2MB", 8 * MIB)))
        .rdma(Map.of("mlx5_0", new Rdma(1L, null)))
        .build();

    Resources merged = new ResourceUpdate(current, given).merged();

    assertEquals(300, merged.blockIo().weight());
    assertEquals(List.of(new WeightDevice(8, 0, 200, null)), merged.blockIo().weightDevice());
    assertEquals(List.of(new ThrottleDevice(8, 0, 1000L), new ThrottleDevice(8, 16, 3000L),
        new ThrottleDevice(8, 32, 4000L)), merged.blockIo().throttleReadBpsDevice());
    assertEquals(List.of(new HugepageLimit("2MB", 8 * MIB), new HugepageLimit("1GB", 0)),
        merged.hugepageLimits());
    assertEquals(Map.of("mlx4_0", new Rdma(2L, 20L), "mlx5_0", new Rdma(1L, null)),
        merged.rdma());
  }

  @Test
  void unifiedIsTheUpdatesAloneAsInRunc() {
    Resources current = Resources.builder().unified(Map.of("memory.high", "1000000")).build();

    assertNull(new ResourceUpdate(current, Resources.builder().pids(new Pids(5)).build())
        .merged().unified());
    assertEquals(Map.of("memory.high", "2000000"), new ResourceUpdate(current,
        Resources.builder().unified(Map.of("memory.high", "2000000")).build()).merged()
        .unified());
  }

  @Test
  void settingsCgroupV2HasNoPlaceForAreNotCarriedOver() {
    Resources current = Resources.builder()
        .memory(Memory.builder().limit(MIB).kernel(MIB).swappiness(10L).build())
        .cpu(Cpu.builder().realtimeRuntime(100L).realtimePeriod(1000L).build())
        .blockIo(BlockIo.builder().leafWeight(100)
            .weightDevice(List.of(new WeightDevice(8, 0, 200, 300))).build())
        .network(new Network(7L, null))
        .build();

    Resources merged = new ResourceUpdate(current, Resources.builder().build()).merged();

    assertEquals(Memory.builder().limit(MIB).build(), merged.memory());
    assertEquals(Cpu.builder().build(), merged.cpu());
    assertEquals(BlockIo.builder().weightDevice(List.of(new WeightDevice(8, 0, 200, null)))
        .build(), merged.blockIo());
    assertNull(merged.network());
  }

  @Test
  void devicesAreTheUpdatesWhenItHasSome() {
    List<DeviceCgroup> created = List.of(new DeviceCgroup(false, null, null, null, "rwm"));
    List<DeviceCgroup> updated = List.of(new DeviceCgroup(true, "c", 1L, 3L, "r"));
    Resources current = Resources.builder().devices(created).build();

    assertEquals(created, new ResourceUpdate(current, Resources.builder().build()).merged()
        .devices());
    assertEquals(updated, new ResourceUpdate(current, Resources.builder().devices(updated)
        .build()).merged().devices());
    assertEquals(Optional.empty(), CgroupSettings.forUpdate(new ResourceUpdate(current,
        Resources.builder().build()), null, false, new ConfigProblems()).devices(),
        "the device filter stays as it is");
  }
}
