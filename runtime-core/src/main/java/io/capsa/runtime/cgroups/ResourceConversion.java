package io.capsa.runtime.cgroups;

import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.HugepageLimit;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Network;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Rdma;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts an OCI resources document (which speaks cgroup v1) into cgroup v2 file writes, with
 * runc's conversions ({@link RuncConversions}) and in runc's order: pids, memory, io, cpu,
 * cpuset, hugetlb, rdma, then {@code unified} verbatim, which therefore overrides the rest.
 * Pure: it checks every member, adding each problem with its JSON path, and touches nothing.
 *
 * <p>Settings cgroup v2 has no file for (kernel memory, swappiness, disableOOMKiller, a false
 * useHierarchy, real-time CPU bandwidth, blockIO leafWeight, net_cls and net_prio) are ignored
 * with a warning, as runc ignores them (crun refuses them).
 */
public final class ResourceConversion {
  private static final System.Logger LOG = System.getLogger(ResourceConversion.class.getName());
  /** The kernel's default cpu.max period, which runc writes when only a quota is given. */
  private static final long DEFAULT_CPU_PERIOD = 100_000;
  private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]*[KMG]B");
  private static final Pattern RDMA_DEVICE = Pattern.compile("[^\\s\\x00/]+");

  private final String at;
  private final ConfigProblems problems;
  private final List<CgroupWrite> writes = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();
  private CgroupLimits.MemoryCheck memoryCheck;

  private ResourceConversion(String at, ConfigProblems problems) {
    this.at = at;
    this.problems = problems;
  }

  /**
   * The writes for {@code resources} (null: none).
   *
   * @param at the JSON path of the resources object: {@code $.linux.resources} in a config,
   *     {@code $} in the document of an update
   */
  public static CgroupLimits convert(Resources resources, String at, ConfigProblems problems) {
    if (resources == null) {
      return CgroupLimits.NONE;
    }
    ResourceConversion conversion = new ResourceConversion(at, problems);
    conversion.pids(resources.pids());
    conversion.memory(resources.memory());
    conversion.writes.addAll(BlockIoConversion.convert(resources.blockIo(), at + ".blockIO",
        problems, conversion::ignore));
    conversion.cpu(resources.cpu());
    conversion.hugepages(resources.hugepageLimits());
    conversion.rdma(resources.rdma());
    conversion.network(resources.network());
    conversion.writes.addAll(UnifiedEntries.convert(resources.unified(), at + ".unified",
        problems));
    conversion.ignored.forEach(setting -> LOG.log(System.Logger.Level.WARNING,
        "ignoring a setting cgroup v2 has no place for: {0}", setting));
    return new CgroupLimits(conversion.writes, conversion.ignored,
        Optional.ofNullable(conversion.memoryCheck));
  }

  private void ignore(String path, String why) {
    ignored.add(path + ": " + why);
  }

  /** runc: a positive limit as is, -1 (or any negative) "max", 0 one task (see below). */
  private void pids(Pids pids) {
    if (pids == null) {
      return;
    }
    long limit = pids.limit();
    // pids.max 0 would make the init's own clone3 fail; runc writes 1 for 0, and so the
    // container gets its init and nothing more, as it does under runc.
    String value = limit > 0 ? Long.toString(limit) : limit == 0 ? "1" : "max";
    writes.add(CgroupWrite.of("pids.max", value, at + ".pids.limit"));
  }

  private void memory(Memory memory) {
    if (memory == null) {
      return;
    }
    String path = at + ".memory";
    long limit = bytes(memory.limit(), path + ".limit");
    long reservation = bytes(memory.reservation(), path + ".reservation");
    long swap = bytes(memory.swap(), path + ".swap");
    ignoreV1Memory(memory, path);
    if (Boolean.TRUE.equals(memory.checkBeforeUpdate())) {
      memoryCheck = new CgroupLimits.MemoryCheck(limit, swap);
    }
    long swapMax;
    try {
      swapMax = RuncConversions.swapMax(swap, limit);
    } catch (IllegalArgumentException e) {
      problems.add(path + ".swap", e.getMessage());
      return;
    }
    String swapValue = RuncConversions.limit(swapMax);
    if (swapValue.isEmpty() && swap > 0) {
      swapValue = "0"; // swap equal to the limit: no swap at all
    }
    if (!swapValue.isEmpty()) {
      CgroupWrite write = CgroupWrite.of("memory.swap.max", swapValue,
          path + (memory.swap() == null ? ".limit" : ".swap"));
      // Without swap accounting the file is absent, and "no swap" or "any swap" is moot.
      writes.add(swapValue.equals("max") || swapValue.equals("0")
          ? write.skippedWhenAbsent() : write);
    }
    addLimit("memory.max", limit, path + ".limit");
    addLimit("memory.low", reservation, path + ".reservation");
  }

  private void ignoreV1Memory(Memory memory, String path) {
    if (memory.kernel() != null) {
      ignore(path + ".kernel", "kernel memory limits are deprecated and have no cgroup v2 file");
    }
    if (memory.kernelTcp() != null) {
      ignore(path + ".kernelTCP", "kernel TCP memory limits have no cgroup v2 file");
    }
    if (memory.swappiness() != null) {
      ignore(path + ".swappiness", "cgroup v2 has no per-cgroup swappiness");
    }
    if (Boolean.TRUE.equals(memory.disableOomKiller())) {
      ignore(path + ".disableOOMKiller", "cgroup v2 cannot disable the OOM killer");
    }
    if (Boolean.FALSE.equals(memory.useHierarchy())) {
      ignore(path + ".useHierarchy", "cgroup v2 memory accounting is always hierarchical");
    }
  }

  /** A byte count: -1 (no limit), 0 or absent (unset), or positive. */
  private long bytes(Long value, String path) {
    if (value == null) {
      return 0;
    }
    if (value < -1) {
      problems.add(path, "must be -1 (no limit) or a number of bytes, was " + value);
      return 0;
    }
    return value;
  }

  private void addLimit(String file, long value, String path) {
    String text = RuncConversions.limit(value);
    if (!text.isEmpty()) {
      writes.add(CgroupWrite.of(file, text, path));
    }
  }

  private void cpu(Cpu cpu) {
    if (cpu == null) {
      return;
    }
    String path = at + ".cpu";
    if (cpu.realtimeRuntime() != null) {
      ignore(path + ".realtimeRuntime", "cgroup v2 has no real-time CPU bandwidth");
    }
    if (cpu.realtimePeriod() != null) {
      ignore(path + ".realtimePeriod", "cgroup v2 has no real-time CPU bandwidth");
    }
    if (cpu.idle() != null) {
      writes.add(CgroupWrite.of("cpu.idle", Long.toString(cpu.idle()), path + ".idle"));
    }
    long weight = RuncConversions.cpuWeight(cpu.shares() == null ? 0 : cpu.shares());
    if (weight != 0) {
      writes.add(CgroupWrite.of("cpu.weight", Long.toString(weight), path + ".shares"));
    }
    long quota = cpu.quota() == null ? 0 : cpu.quota();
    long period = cpu.period() == null ? 0 : cpu.period();
    boolean bandwidth = quota != 0 || period != 0;
    if (cpu.burst() != null) {
      CgroupWrite burst =
          CgroupWrite.of("cpu.max.burst", Long.toUnsignedString(cpu.burst()), path + ".burst");
      writes.add(bandwidth ? burst.retriedLastOnInvalid() : burst);
    }
    if (bandwidth) {
      String max = (quota > 0 ? Long.toString(quota) : "max") + " "
          + Long.toUnsignedString(period == 0 ? DEFAULT_CPU_PERIOD : period);
      writes.add(CgroupWrite.of("cpu.max", max, path + (quota != 0 ? ".quota" : ".period")));
    }
    cpuset("cpuset.cpus", cpu.cpus(), path + ".cpus");
    cpuset("cpuset.mems", cpu.mems(), path + ".mems");
  }

  private void cpuset(String file, String list, String path) {
    if (list == null || list.isEmpty()) {
      return;
    }
    if (list.indexOf('\n') >= 0 || list.indexOf('\0') >= 0) {
      problems.add(path, "must be one line, a list such as 0-3,7");
      return;
    }
    writes.add(CgroupWrite.of(file, list, path));
  }

  /** hugetlb.SIZE.max, and the reservation limit beside it on kernels that have one (5.7+). */
  private void hugepages(List<HugepageLimit> limits) {
    if (limits == null) {
      return;
    }
    for (int i = 0; i < limits.size(); i++) {
      HugepageLimit limit = limits.get(i);
      String path = at + ".hugepageLimits[" + i + "]";
      if (!PAGE_SIZE.matcher(limit.pageSize()).matches()) {
        problems.add(path + ".pageSize",
            "must be a size such as 2MB or 1GB, was \"" + limit.pageSize() + "\"");
        continue;
      }
      String value = Long.toUnsignedString(limit.limit());
      String prefix = "hugetlb." + limit.pageSize();
      writes.add(CgroupWrite.of(prefix + ".max", value, path + ".limit"));
      writes.add(CgroupWrite.of(prefix + ".rsvd.max", value, path + ".limit").skippedWhenAbsent());
    }
  }

  /** One rdma.max line per device: {@code mlx4_0 hca_handle=2 hca_object=2000}. */
  private void rdma(Map<String, Rdma> devices) {
    if (devices == null) {
      return;
    }
    devices.forEach((device, limits) -> {
      String path = JsonPaths.member(at + ".rdma", device);
      if (!RDMA_DEVICE.matcher(device).matches()) {
        problems.add(path, "is not an RDMA device name");
        return;
      }
      StringBuilder line = new StringBuilder(device);
      if (limits.hcaHandles() != null) {
        line.append(" hca_handle=").append(limits.hcaHandles());
      }
      if (limits.hcaObjects() != null) {
        line.append(" hca_object=").append(limits.hcaObjects());
      }
      if (limits.hcaHandles() != null || limits.hcaObjects() != null) {
        writes.add(CgroupWrite.of("rdma.max", line.toString(), path));
      }
    });
  }

  private void network(Network network) {
    if (network != null && (network.classId() != null || network.priorities() != null)) {
      ignore(at + ".network", "cgroup v2 has no net_cls or net_prio controller");
    }
  }
}
