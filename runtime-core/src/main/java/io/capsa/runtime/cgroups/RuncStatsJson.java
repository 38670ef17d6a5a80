package io.capsa.runtime.cgroups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link CgroupStats} as the one line {@code runc events --stats} prints: {@code
 * {"type":"stats","id":ID,"data":{"cpu":...,"cpuset":...,"memory":...,"pids":...,"blkio":...,
 * "hugetlb":...,"intel_rdt":{},"network_interfaces":null}}}, with the members, units and
 * omissions of runc's types/events.go (times in nanoseconds; zero members left out where Go's
 * omitempty leaves them out). One addition: {@code memory.events} holds memory.events, whose
 * {@code oom_kill} runc only reports as separate "oom" events.
 */
public final class RuncStatsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long NANOS_PER_MICRO = 1000;
  private static final String[] CPUSET_ZEROS = {"cpu_exclusive", "mem_hardwall",
      "mem_exclusive", "memory_migrate", "memory_spread_page", "memory_spread_slab",
      "memory_pressure", "sched_load_balance", "sched_relax_domain_level"};

  private RuncStatsJson() {}

  /** The event of container {@code id}, compact JSON without a trailing newline. */
  public static String event(String id, CgroupStats stats) {
    ObjectNode event = MAPPER.createObjectNode();
    event.put("type", "stats");
    event.put("id", id);
    event.set("data", data(stats));
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a stats event", e);
    }
  }

  private static ObjectNode data(CgroupStats stats) {
    ObjectNode data = MAPPER.createObjectNode();
    data.set("cpu", cpu(stats.cpu()));
    ObjectNode cpuset = data.putObject("cpuset");
    for (String member : CPUSET_ZEROS) {
      cpuset.put(member, 0);
    }
    data.set("memory", memory(stats.memory()));
    ObjectNode pids = data.putObject("pids");
    putIfNotZero(pids, "current", stats.pids().current());
    putIfNotZero(pids, "limit", stats.pids().limit());
    data.set("blkio", blkio(stats));
    ObjectNode hugetlb = data.putObject("hugetlb");
    stats.hugetlb().forEach((size, usage) -> {
      ObjectNode entry = hugetlb.putObject(size);
      putIfNotZero(entry, "usage", usage.usage());
      put(entry, "failcnt", usage.failcnt());
    });
    data.putObject("intel_rdt");
    data.putNull("network_interfaces");
    return data;
  }

  private static ObjectNode cpu(CgroupStats.Cpu cpu) {
    ObjectNode node = MAPPER.createObjectNode();
    if (cpu.usageUsec() != 0 || cpu.systemUsec() != 0 || cpu.userUsec() != 0) {
      ObjectNode usage = node.putObject("usage");
      putIfNotZero(usage, "total", cpu.usageUsec() * NANOS_PER_MICRO);
      put(usage, "kernel", cpu.systemUsec() * NANOS_PER_MICRO);
      put(usage, "user", cpu.userUsec() * NANOS_PER_MICRO);
    }
    if (cpu.periods() != 0 || cpu.throttledPeriods() != 0 || cpu.throttledUsec() != 0) {
      ObjectNode throttling = node.putObject("throttling");
      putIfNotZero(throttling, "periods", cpu.periods());
      putIfNotZero(throttling, "throttledPeriods", cpu.throttledPeriods());
      putIfNotZero(throttling, "throttledTime", cpu.throttledUsec() * NANOS_PER_MICRO);
    }
    return node;
  }

  /**
   * runc reports swap as cgroup v1 did, memory and swap together; a limit of max stays max.
   */
  private static ObjectNode memory(CgroupStats.Memory memory) {
    ObjectNode node = MAPPER.createObjectNode();
    putIfNotZero(node, "cache", memory.stat().getOrDefault("file", 0L));
    CgroupStats.Usage usage = memory.usage();
    CgroupStats.Usage swap = memory.swap();
    entry(node, "usage", usage.limit(), usage.current(), usage.peak());
    long swapLimit = swap.limit() == CgroupFiles.MAX || usage.limit() == CgroupFiles.MAX
        ? CgroupFiles.MAX : swap.limit() + usage.limit();
    entry(node, "swap", swapLimit, swap.current() + usage.current(), 0);
    if (!memory.stat().isEmpty()) {
      ObjectNode raw = node.putObject("raw");
      new TreeMap<>(memory.stat()).forEach((key, value) -> put(raw, key, value));
    }
    if (!memory.events().isEmpty()) {
      ObjectNode events = node.putObject("events");
      new TreeMap<>(memory.events()).forEach((key, value) -> put(events, key, value));
    }
    return node;
  }

  /** A MemoryEntry: limit and failcnt always, usage and max when not zero; none when all are. */
  private static void entry(ObjectNode memory, String name, long limit, long usage, long max) {
    if (limit == 0 && usage == 0 && max == 0) {
      return;
    }
    ObjectNode entry = memory.putObject(name);
    put(entry, "limit", limit);
    putIfNotZero(entry, "usage", usage);
    putIfNotZero(entry, "max", max);
    put(entry, "failcnt", 0);
  }

  /** io.stat in cgroup v1's tables: bytes and operations, each split into Read and Write. */
  private static ObjectNode blkio(CgroupStats stats) {
    ObjectNode blkio = MAPPER.createObjectNode();
    ArrayNode bytes = MAPPER.createArrayNode();
    ArrayNode operations = MAPPER.createArrayNode();
    for (CgroupStats.Io device : stats.io()) {
      Map<String, Long> values = device.values();
      blkioEntry(bytes, device, "Read", values.get("rbytes"));
      blkioEntry(bytes, device, "Write", values.get("wbytes"));
      blkioEntry(operations, device, "Read", values.get("rios"));
      blkioEntry(operations, device, "Write", values.get("wios"));
    }
    if (!bytes.isEmpty()) {
      blkio.set("ioServiceBytesRecursive", bytes);
    }
    if (!operations.isEmpty()) {
      blkio.set("ioServicedRecursive", operations);
    }
    return blkio;
  }

  private static void blkioEntry(ArrayNode table, CgroupStats.Io device, String op, Long value) {
    if (value == null) {
      return;
    }
    ObjectNode entry = table.addObject();
    putIfNotZero(entry, "major", device.major());
    putIfNotZero(entry, "minor", device.minor());
    entry.put("op", op);
    putIfNotZero(entry, "value", value);
  }

  private static void putIfNotZero(ObjectNode node, String name, long value) {
    if (value != 0) {
      put(node, name, value);
    }
  }

  /** An unsigned 64-bit number, as Go writes a uint64. */
  private static void put(ObjectNode node, String name, long value) {
    if (value >= 0) {
      node.put(name, value);
    } else {
      node.put(name, new BigInteger(Long.toUnsignedString(value)));
    }
  }
}
