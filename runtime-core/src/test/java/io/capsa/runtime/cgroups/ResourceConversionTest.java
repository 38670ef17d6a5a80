package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.HugepageLimit;
import io.capsa.oci.linux.InterfacePriority;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Network;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Rdma;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.linux.ThrottleDevice;
import io.capsa.oci.linux.WeightDevice;
import io.capsa.runtime.config.ConfigProblems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which files get which values, in which order, and the conversions at their edges. */
class ResourceConversionTest {
  private final ConfigProblems problems = new ConfigProblems();

  private List<String> writes(Resources resources) {
    CgroupLimits limits = ResourceConversion.convert(resources, "$.linux.resources", problems);
    return limits.writes().stream().map(CgroupWrite::toString).collect(Collectors.toList());
  }

  private List<String> problems() {
    return problems.list().stream().map(p -> p.jsonPath() + ": " + p.message())
        .collect(Collectors.toList());
  }

  private static Resources memory(Long limit, Long reservation, Long swap) {
    return Resources.builder().memory(Memory.builder().limit(limit).reservation(reservation)
        .swap(swap).build()).build();
  }

  private static Resources cpu(Cpu.Builder cpu) {
    return Resources.builder().cpu(cpu.build()).build();
  }

  @Test
  void noResourcesNoWrites() {
    assertEquals(CgroupLimits.NONE, ResourceConversion.convert(null, "$", problems));
    assertEquals(List.of(), writes(Resources.builder().build()));
  }

  @Test
  void memoryLimitReservationAndSwap() {
    assertEquals(List.of("memory.swap.max=512", "memory.max=1024", "memory.low=256"),
        writes(memory(1024L, 256L, 1536L)));
  }

  @Test
  void swapEqualToTheLimitMeansNoSwap() {
    assertEquals(List.of("memory.swap.max=0 (skipped when absent)", "memory.max=1024"),
        writes(memory(1024L, null, 1024L)));
  }

  @Test
  void unlimitedMemoryAndSwap() {
    assertEquals(List.of("memory.swap.max=max (skipped when absent)", "memory.max=max"),
        writes(memory(-1L, null, null)));
    assertEquals(List.of("memory.swap.max=max (skipped when absent)", "memory.max=4096"),
        writes(memory(4096L, null, -1L)));
  }

  @Test
  void memoryZeroIsUnset() {
    assertEquals(List.of(), writes(memory(0L, 0L, 0L)));
  }

  @Test
  void swapThatMakesNoSense() {
    writes(memory(400L, null, 300L));
    writes(memory(null, null, 300L));
    writes(memory(-7L, null, null));
    assertEquals(List.of(
        "$.linux.resources.memory.swap: memory+swap limit should be >= memory limit",
        "$.linux.resources.memory.swap: unable to set swap limit without memory limit",
        "$.linux.resources.memory.limit: must be -1 (no limit) or a number of bytes, was -7"),
        problems());
  }

  @Test
  void cgroupV1MemorySettingsAreIgnoredAndSaidSo() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder().memory(Memory.builder()
        .kernel(1L).kernelTcp(2L).swappiness(10L).disableOomKiller(true).useHierarchy(false)
        .build()).build(), "$.linux.resources", problems);
    assertEquals(List.of(), limits.writes());
    assertEquals(List.of(
        "$.linux.resources.memory.kernel: kernel memory limits are deprecated and have no "
            + "cgroup v2 file",
        "$.linux.resources.memory.kernelTCP: kernel TCP memory limits have no cgroup v2 file",
        "$.linux.resources.memory.swappiness: cgroup v2 has no per-cgroup swappiness",
        "$.linux.resources.memory.disableOOMKiller: cgroup v2 cannot disable the OOM killer",
        "$.linux.resources.memory.useHierarchy: cgroup v2 memory accounting is always "
            + "hierarchical"),
        limits.ignored());
    assertEquals(List.of(), problems());
  }

  @Test
  void whatCgroupV2DoesAnywayIsNotAWarning() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder().memory(Memory.builder()
        .disableOomKiller(false).useHierarchy(true).build()).build(), "$.linux.resources",
        problems);
    assertEquals(List.of(), limits.ignored());
  }

  @Test
  void checkBeforeUpdateKeepsTheLimitsToCheck() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder().memory(Memory.builder()
        .limit(100L).swap(200L).checkBeforeUpdate(true).build()).build(), "$", problems);
    assertEquals(Optional.of(new CgroupLimits.MemoryCheck(100, 200)), limits.memoryCheck());
  }

  @Test
  void cpuSharesQuotaPeriodBurstIdleAndCpuset() {
    assertEquals(List.of("cpu.idle=1", "cpu.weight=100",
        "cpu.max.burst=1000 (retried last on EINVAL)", "cpu.max=50000 200000",
        "cpuset.cpus=0-1", "cpuset.mems=0"),
        writes(cpu(Cpu.builder().shares(1024L).quota(50000L).period(200000L).burst(1000L)
            .idle(1L).cpus("0-1").mems("0"))));
  }

  @Test
  void cpuQuotaEdges() {
    assertEquals(List.of("cpu.max=max 100000"), writes(cpu(Cpu.builder().quota(-1L))));
    assertEquals(List.of("cpu.max=20000 100000"), writes(cpu(Cpu.builder().quota(20000L))));
    assertEquals(List.of("cpu.max=max 250000"), writes(cpu(Cpu.builder().period(250000L))));
    assertEquals(List.of("cpu.max.burst=10"), writes(cpu(Cpu.builder().burst(10L))));
    assertEquals(List.of(), writes(cpu(Cpu.builder().quota(0L).shares(0L))));
  }

  @Test
  void cpuSharesAtTheirEdges() {
    assertEquals(List.of("cpu.weight=1"), writes(cpu(Cpu.builder().shares(2L))));
    assertEquals(List.of("cpu.weight=10000"), writes(cpu(Cpu.builder().shares(262144L))));
  }

  @Test
  void realtimeIsIgnored() {
    CgroupLimits limits = ResourceConversion.convert(cpu(Cpu.builder().realtimeRuntime(1L)
        .realtimePeriod(2L)), "$", problems);
    assertEquals(2, limits.ignored().size());
    assertEquals(List.of(), limits.writes());
  }

  @Test
  void pidsAsRuncWritesThem() {
    assertEquals(List.of("pids.max=64"),
        writes(Resources.builder().pids(new Pids(64)).build()));
    assertEquals(List.of("pids.max=1"), writes(Resources.builder().pids(new Pids(0)).build()));
    assertEquals(List.of("pids.max=max"),
        writes(Resources.builder().pids(new Pids(-1)).build()));
  }

  @Test
  void blockIoWeightsAndThrottlesPerDevice() {
    BlockIo blockIo = BlockIo.builder()
        .weight(500)
        .weightDevice(List.of(new WeightDevice(8, 0, 300, null)))
        .throttleReadBpsDevice(List.of(new ThrottleDevice(8, 0, 1048576L),
            new ThrottleDevice(7, 0, 10L)))
        .throttleWriteBpsDevice(List.of(new ThrottleDevice(8, 0, 2097152L)))
        .throttleReadIopsDevice(List.of(new ThrottleDevice(7, 0, 100L)))
        .throttleWriteIopsDevice(List.of(new ThrottleDevice(8, 0, 120L)))
        .build();
    assertEquals(List.of(
        "io.bfq.weight=500 (else io.weight=4950)",
        "io.bfq.weight=8:0 300 (else io.weight=8:0 2930)",
        "io.max=8:0 rbps=1048576 wbps=2097152 wiops=120",
        "io.max=7:0 rbps=10 riops=100"),
        writes(Resources.builder().blockIo(blockIo).build()));
  }

  @Test
  void blockIoWeightOutOfRangeAndLeafWeights() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder().blockIo(BlockIo.builder()
        .weight(5).leafWeight(10)
        .weightDevice(List.of(new WeightDevice(-1, 0, 100, 50))).build()).build(), "$",
        problems);
    assertEquals(List.of("$.blockIO.weight: must be from 10 to 1000, was 5",
        "$.blockIO.weightDevice[0].major: must be from 0 to 4294967295, was -1"), problems());
    assertEquals(List.of("$.blockIO.leafWeight: cgroup v2 has no leaf weights",
        "$.blockIO.weightDevice[0].leafWeight: cgroup v2 has no leaf weights"),
        limits.ignored());
  }

  @Test
  void hugepagesWithTheirReservationLimits() {
    assertEquals(List.of("hugetlb.2MB.max=4194304",
        "hugetlb.2MB.rsvd.max=4194304 (skipped when absent)"),
        writes(Resources.builder().hugepageLimits(List.of(new HugepageLimit("2MB", 4194304)))
            .build()));
    writes(Resources.builder().hugepageLimits(List.of(new HugepageLimit("2MB/../../x", 1)))
        .build());
    assertEquals(List.of("$.linux.resources.hugepageLimits[0].pageSize: must be a size such as "
        + "2MB or 1GB, was \"2MB/../../x\""), problems());
  }

  @Test
  void rdmaLinePerDevice() {
    Map<String, Rdma> rdma = new LinkedHashMap<>();
    rdma.put("mlx5_1", new Rdma(3L, null));
    rdma.put("mlx4_0", new Rdma(2L, 2000L));
    rdma.put("idle", new Rdma(null, null));
    assertEquals(List.of("rdma.max=mlx5_1 hca_handle=3", "rdma.max=mlx4_0 hca_handle=2 "
        + "hca_object=2000"), writes(Resources.builder().rdma(rdma).build()));
  }

  @Test
  void networkIsIgnored() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder().network(new Network(
        1L, List.of(new InterfacePriority("eth0", 1)))).build(), "$", problems);
    assertEquals(List.of("$.network: cgroup v2 has no net_cls or net_prio controller"),
        limits.ignored());
  }

  @Test
  void unifiedIsWrittenVerbatimLastAndLineByLine() {
    Map<String, String> unified = new LinkedHashMap<>();
    unified.put("memory.high", "1048576");
    unified.put("io.max", "259:0 rbps=2097152 wiops=120\n253:0 rbps=2097152 wiops=120\n");
    unified.put("cgroup.max.depth", "2");
    unified.put("dmem.max", "drm/0000:03:00.0/vram0 max");
    assertEquals(List.of("pids.max=5", "memory.high=1048576",
        "io.max=259:0 rbps=2097152 wiops=120", "io.max=253:0 rbps=2097152 wiops=120",
        "cgroup.max.depth=2", "dmem.max=drm/0000:03:00.0/vram0 max"),
        writes(Resources.builder().pids(new Pids(5)).unified(unified).build()));
    assertEquals(List.of(), problems());
  }

  @Test
  void unifiedKeysThatLeaveTheCgroupOrBelongToTheRuntime() {
    Map<String, String> unified = new LinkedHashMap<>();
    unified.put("../../memory.max", "1");
    unified.put("memory..max", "1");
    unified.put("/etc/passwd", "x");
    unified.put("memory", "1");
    unified.put("cgroup.procs", "1");
    unified.put("cgroup.subtree_control", "+memory");
    assertEquals(List.of(), writes(Resources.builder().unified(unified).build()));
    assertEquals(List.of(
        "$.linux.resources.unified['../../memory.max']: must name a file in the container's "
            + "cgroup, not a path",
        "$.linux.resources.unified['memory..max']: must name a file in the container's cgroup, "
            + "not a path",
        "$.linux.resources.unified['/etc/passwd']: must name a file in the container's cgroup, "
            + "not a path",
        "$.linux.resources.unified.memory: must name a cgroup v2 interface file, "
            + "CONTROLLER.NAME such as memory.high",
        "$.linux.resources.unified['cgroup.procs']: is managed by the runtime; of the cgroup.* "
            + "files a configuration may set only cgroup.max.depth and cgroup.max.descendants",
        "$.linux.resources.unified['cgroup.subtree_control']: is managed by the runtime; of the "
            + "cgroup.* files a configuration may set only cgroup.max.depth and "
            + "cgroup.max.descendants"),
        problems());
  }

  @Test
  void controllersComeFromTheFilesWritten() {
    CgroupLimits limits = ResourceConversion.convert(Resources.builder()
        .memory(Memory.builder().limit(1L).build())
        .pids(new Pids(3))
        .unified(Map.of("cgroup.max.descendants", "1", "misc.max", "x 1"))
        .build(), "$", problems);
    assertEquals(Set.of("memory", "misc", "pids"), limits.controllers());
    assertTrue(problems.isEmpty());
    assertEquals("$.pids.limit",
        limits.writes().stream().filter(w -> w.controller().equals("pids")).findFirst()
            .map(CgroupWrite::source).orElseThrow());
  }
}
