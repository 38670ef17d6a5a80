package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.HostSyscalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats read from a cgroup's files, and printed as runc events --stats prints them. */
class CgroupStatsTest {
  @TempDir Path temp;

  private CgroupStats statsOf(Map<String, String> files) {
    FakeCgroupfs fs = new FakeCgroupfs(temp, "cpu memory pids io hugetlb");
    fs.cgroup("web", files);
    CgroupManager manager = new CgroupManager(HostSyscalls.get(),
        new CgroupHierarchy(temp, false, "/"), Duration.ofMillis(50));
    try (Cgroup cgroup = manager.open(CgroupPath.of("/web"))) {
      return cgroup.stats();
    }
  }

  @Test
  void everyControllersFiles() {
    CgroupStats stats = statsOf(Map.ofEntries(
        Map.entry("cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"
            + "nr_periods 20\nnr_throttled 7\nthrottled_usec 300\nnr_bursts 0\nburst_usec 0\n"),
        Map.entry("memory.current", "4096\n"),
        Map.entry("memory.max", "1048576\n"),
        Map.entry("memory.peak", "8192\n"),
        Map.entry("memory.swap.current", "0\n"),
        Map.entry("memory.swap.max", "max\n"),
        Map.entry("memory.stat", "anon 1024\nfile 2048\n"),
        Map.entry("memory.events", "low 0\nhigh 0\nmax 38\noom 1\noom_kill 1\n"
            + "oom_group_kill 0\n"),
        Map.entry("pids.current", "3\n"),
        Map.entry("pids.max", "max\n"),
        Map.entry("io.stat", "7:0 rbytes=512 wbytes=1024 rios=1 wios=2 dbytes=0 dios=0\n"),
        Map.entry("hugetlb.2MB.current", "0\n"),
        Map.entry("hugetlb.2MB.events", "max 4\n"),
        Map.entry("hugetlb.2MB.rsvd.current", "0\n")));

    assertEquals(new CgroupStats.Cpu(1500, 1000, 500, 20, 7, 300), stats.cpu());
    assertEquals(new CgroupStats.Usage(4096, 1048576, 8192), stats.memory().usage());
    assertEquals(new CgroupStats.Usage(0, -1, 0), stats.memory().swap());
    assertEquals(1, stats.memory().oomKills());
    assertEquals(new CgroupStats.Pids(3, 0), stats.pids());
    assertEquals(List.of(new CgroupStats.Io(7, 0, Map.of("rbytes", 512L, "wbytes", 1024L,
        "rios", 1L, "wios", 2L, "dbytes", 0L, "dios", 0L))), stats.io());
    assertEquals(Map.of("2MB", new CgroupStats.Hugetlb(0, 4)), stats.hugetlb());

    assertEquals("{\"type\":\"stats\",\"id\":\"web\",\"data\":{"
        + "\"cpu\":{\"usage\":{\"total\":1500000,\"kernel\":500000,\"user\":1000000},"
        + "\"throttling\":{\"periods\":20,\"throttledPeriods\":7,\"throttledTime\":300000}},"
        + "\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,"
        + "\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,"
        + "\"memory_pressure\":0,\"sched_load_balance\":0,\"sched_relax_domain_level\":0},"
        + "\"memory\":{\"cache\":2048,"
        + "\"usage\":{\"limit\":1048576,\"usage\":4096,\"max\":8192,\"failcnt\":0},"
        + "\"swap\":{\"limit\":18446744073709551615,\"usage\":4096,\"failcnt\":0},"
        + "\"raw\":{\"anon\":1024,\"file\":2048},"
        + "\"events\":{\"high\":0,\"low\":0,\"max\":38,\"oom\":1,\"oom_group_kill\":0,"
        + "\"oom_kill\":1}},"
        + "\"pids\":{\"current\":3},"
        + "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":7,\"op\":\"Read\",\"value\":512},"
        + "{\"major\":7,\"op\":\"Write\",\"value\":1024}],"
        + "\"ioServicedRecursive\":[{\"major\":7,\"op\":\"Read\",\"value\":1},"
        + "{\"major\":7,\"op\":\"Write\",\"value\":2}]},"
        + "\"hugetlb\":{\"2MB\":{\"failcnt\":4}},"
        + "\"intel_rdt\":{},\"network_interfaces\":null}}",
        RuncStatsJson.event("web", stats));
  }

  @Test
  void withoutControllersOnlyCpuUsageAndTheProcessCount() {
    CgroupStats stats = statsOf(Map.of("cpu.stat", "usage_usec 10\nuser_usec 6\n"
        + "system_usec 4\n", "cgroup.procs", "7\n8\n"));

    assertEquals(new CgroupStats.Pids(2, 0), stats.pids());
    assertEquals(new CgroupStats.Usage(0, 0, 0), stats.memory().usage());
    assertEquals("{\"type\":\"stats\",\"id\":\"x\",\"data\":{"
        + "\"cpu\":{\"usage\":{\"total\":10000,\"kernel\":4000,\"user\":6000}},"
        + "\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,"
        + "\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,"
        + "\"memory_pressure\":0,\"sched_load_balance\":0,\"sched_relax_domain_level\":0},"
        + "\"memory\":{},\"pids\":{\"current\":2},\"blkio\":{},\"hugetlb\":{},"
        + "\"intel_rdt\":{},\"network_interfaces\":null}}", RuncStatsJson.event("x", stats));
  }
}
