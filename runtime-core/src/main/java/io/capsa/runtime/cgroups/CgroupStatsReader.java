package io.capsa.runtime.cgroups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link CgroupStats} from a cgroup's files, as runc's cgroup v2 driver reads them. */
final class CgroupStatsReader {
  private static final Pattern HUGETLB_CURRENT =
      Pattern.compile("hugetlb\\.([0-9]+[KMG]B)\\.current");
  private static final Pattern DEVICE = Pattern.compile("([0-9]+):([0-9]+)");

  private CgroupStatsReader() {}

  static CgroupStats read(CgroupDirectory cgroup) {
    return new CgroupStats(cpu(cgroup), memory(cgroup), pids(cgroup), io(cgroup),
        hugetlb(cgroup));
  }

  /** cpu.stat exists whether or not the cpu controller is enabled (usage only, then). */
  private static CgroupStats.Cpu cpu(CgroupDirectory cgroup) {
    Map<String, Long> stat = flat(cgroup, "cpu.stat");
    return new CgroupStats.Cpu(
        stat.getOrDefault("usage_usec", 0L),
        stat.getOrDefault("user_usec", 0L),
        stat.getOrDefault("system_usec", 0L),
        stat.getOrDefault("nr_periods", 0L),
        stat.getOrDefault("nr_throttled", 0L),
        stat.getOrDefault("throttled_usec", 0L));
  }

  private static CgroupStats.Memory memory(CgroupDirectory cgroup) {
    return new CgroupStats.Memory(
        usage(cgroup, "memory"),
        usage(cgroup, "memory.swap"),
        flat(cgroup, "memory.stat"),
        flat(cgroup, "memory.events"));
  }

  private static CgroupStats.Usage usage(CgroupDirectory cgroup, String prefix) {
    return new CgroupStats.Usage(
        single(cgroup, prefix + ".current").orElse(0L),
        single(cgroup, prefix + ".max").orElse(0L),
        single(cgroup, prefix + ".peak").orElse(0L));
  }

  /** Without the pids controller, runc counts the lines of cgroup.procs and reports no limit. */
  private static CgroupStats.Pids pids(CgroupDirectory cgroup) {
    Optional<Long> current = single(cgroup, "pids.current");
    if (current.isEmpty()) {
      return new CgroupStats.Pids(CgroupFiles.pids(cgroup.read("cgroup.procs")).size(), 0);
    }
    long limit = single(cgroup, "pids.max").orElse(CgroupFiles.MAX);
    return new CgroupStats.Pids(current.get(), limit == CgroupFiles.MAX ? 0 : limit);
  }

  private static List<CgroupStats.Io> io(CgroupDirectory cgroup) {
    List<CgroupStats.Io> devices = new ArrayList<>();
    cgroup.readIfPresent("io.stat").map(CgroupFiles::nestedKeyed).orElse(Map.of())
        .forEach((device, values) -> {
          Matcher number = DEVICE.matcher(device);
          if (number.matches()) {
            devices.add(new CgroupStats.Io(Integer.parseInt(number.group(1)),
                Integer.parseInt(number.group(2)), values));
          }
        });
    return devices;
  }

  private static Map<String, CgroupStats.Hugetlb> hugetlb(CgroupDirectory cgroup) {
    Map<String, CgroupStats.Hugetlb> sizes = new TreeMap<>();
    for (String file : cgroup.files()) {
      Matcher current = HUGETLB_CURRENT.matcher(file);
      if (current.matches()) {
        String size = current.group(1);
        long usage = single(cgroup, file).orElse(0L);
        long failcnt = flat(cgroup, "hugetlb." + size + ".events").getOrDefault("max", 0L);
        sizes.put(size, new CgroupStats.Hugetlb(usage, failcnt));
      }
    }
    return sizes;
  }

  private static Map<String, Long> flat(CgroupDirectory cgroup, String file) {
    return cgroup.readIfPresent(file).map(CgroupFiles::flatKeyed).orElse(Map.of());
  }

  private static Optional<Long> single(CgroupDirectory cgroup, String file) {
    return cgroup.readIfPresent(file).map(CgroupFiles::single);
  }
}
