package io.capsa.runtime.cgroups;

import java.util.List;
import java.util.Map;

/**
 * What a container's cgroup reports about its use of resources, as its files say it. Numbers
 * are unsigned 64-bit as the kernel writes them; a limit of "max" is -1 (all bits set). A
 * controller that is not enabled reports zeros and empty maps.
 */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids, List<Io> io,
    Map<String, Hugetlb> hugetlb) {

  public CgroupStats {
    io = List.copyOf(io);
    hugetlb = Map.copyOf(hugetlb);
  }

  /**
   * cpu.stat, in microseconds as the file has them.
   *
   * @param periods enforcement periods that have elapsed (nr_periods)
   * @param throttledPeriods periods in which the cgroup was throttled (nr_throttled)
   * @param throttledUsec time spent throttled (throttled_usec)
   */
  public record Cpu(long usageUsec, long userUsec, long systemUsec, long periods,
      long throttledPeriods, long throttledUsec) {}

  /**
   * The memory controller's files.
   *
   * @param usage memory.current, memory.max, memory.peak
   * @param swap memory.swap.current, memory.swap.max, memory.swap.peak
   * @param stat memory.stat
   * @param events memory.events: low, high, max, oom, oom_kill, oom_group_kill
   */
  public record Memory(Usage usage, Usage swap, Map<String, Long> stat,
      Map<String, Long> events) {
    public Memory {
      stat = Map.copyOf(stat);
      events = Map.copyOf(events);
    }

    /** How many processes the OOM killer killed in the cgroup (memory.events oom_kill). */
    public long oomKills() {
      return events.getOrDefault("oom_kill", 0L);
    }
  }

  /** A .current, .max and .peak triple; peak is 0 on kernels without it. */
  public record Usage(long current, long limit, long peak) {}

  /**
   * pids.current and pids.max, the limit 0 when there is none (runc reports it so).
   */
  public record Pids(long current, long limit) {}

  /** One device's line of io.stat: rbytes, wbytes, rios, wios, dbytes, dios. */
  public record Io(int major, int minor, Map<String, Long> values) {
    public Io {
      values = Map.copyOf(values);
    }
  }

  /**
   * One huge page size: hugetlb.SIZE.current and how often its limit was hit (the "max" of
   * hugetlb.SIZE.events).
   */
  public record Hugetlb(long usage, long failcnt) {}
}
