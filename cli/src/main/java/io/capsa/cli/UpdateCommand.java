package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code capsa update}: new resource limits for a container's cgroup, from a resources
 * document ({@code -r FILE}, or {@code -} for stdin; the other flags are then ignored, as runc
 * ignores them) or from runc's individual flags. What is not given stays as it is: the runtime
 * starts from the container's current resources, as runc does.
 */
final class UpdateCommand implements Verb {
  static final Flag RESOURCES = Flag.value("FILE", "path to the file containing the resources"
      + " to update or '-' to read from the standard input (linux.resources of config.json:"
      + " memory, cpu, blockIO, pids, hugepageLimits, rdma, unified, devices)", "r",
      "resources");
  static final Flag BLKIO_WEIGHT = Flag.value("N",
      "specifies per cgroup weight, range is from 10 to 1000", "blkio-weight");
  static final Flag CPU_PERIOD = Flag.value("USECS",
      "CPU CFS period to be used for hardcapping (in usecs). 0 to use system default",
      "cpu-period");
  static final Flag CPU_QUOTA = Flag.value("USECS",
      "CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period", "cpu-quota");
  static final Flag CPU_BURST = Flag.value("USECS", "CPU CFS hardcap burst limit (in usecs)",
      "cpu-burst");
  static final Flag CPU_SHARE = Flag.value("N",
      "CPU shares (relative weight vs. other containers)", "cpu-share", "cpu-shares");
  static final Flag CPU_RT_PERIOD = Flag.value("USECS",
      "CPU realtime period (in usecs); cgroup v2 has no real-time bandwidth", "cpu-rt-period");
  static final Flag CPU_RT_RUNTIME = Flag.value("USECS",
      "CPU realtime hardcap limit (in usecs); cgroup v2 has no real-time bandwidth",
      "cpu-rt-runtime");
  static final Flag CPU_IDLE = Flag.value("0|1",
      "set cgroup SCHED_IDLE or not, 0: default behavior, 1: SCHED_IDLE", "cpu-idle");
  static final Flag CPUSET_CPUS = Flag.value("CPUS", "CPU(s) to use", "cpuset-cpus");
  static final Flag CPUSET_MEMS = Flag.value("NODES", "memory node(s) to use", "cpuset-mems");
  static final Flag MEMORY = Flag.value("BYTES", "memory limit (in bytes; 512m, 1g; -1: none)",
      "memory");
  static final Flag MEMORY_RESERVATION = Flag.value("BYTES",
      "memory reservation or soft_limit (in bytes)", "memory-reservation");
  static final Flag MEMORY_SWAP = Flag.value("BYTES",
      "total memory usage (memory + swap); set '-1' to enable unlimited swap", "memory-swap");
  static final Flag PIDS_LIMIT = Flag.value("N",
      "maximum number of pids allowed in the container (-1: none)", "pids-limit");

  @Override
  public String name() {
    return "update";
  }

  @Override
  public String summary() {
    return "update container resource constraints";
  }

  @Override
  public List<Flag> flags() {
    return List.of(RESOURCES, BLKIO_WEIGHT, CPU_PERIOD, CPU_QUOTA, CPU_BURST, CPU_SHARE,
        CPU_RT_PERIOD, CPU_RT_RUNTIME, CPU_IDLE, CPUSET_CPUS, CPUSET_MEMS, MEMORY,
        MEMORY_RESERVATION, MEMORY_SWAP, PIDS_LIMIT);
  }

  @Override
  public int run(Call call) {
    Container container = call.capsa().runtime().load(call.id());
    Arguments flags = call.arguments();
    container.update(flags.value(RESOURCES).map(UpdateCommand::fromDocument)
        .orElseGet(() -> fromFlags(flags)));
    return 0;
  }

  private static Resources fromDocument(String source) {
    try {
      String json = source.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(source));
      return OciJson.read(json, Resources.class);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source, e);
    }
  }

  /** runc's: a flag not given changes nothing. */
  private static Resources fromFlags(Arguments flags) {
    int weight = flags.integer(BLKIO_WEIGHT, 0);
    int pids = flags.integer(PIDS_LIMIT, 0);
    return Resources.builder()
        .memory(Memory.builder().limit(bytes(flags, MEMORY)).swap(bytes(flags, MEMORY_SWAP))
            .reservation(bytes(flags, MEMORY_RESERVATION)).build())
        .cpu(Cpu.builder().shares(number(flags, CPU_SHARE)).quota(number(flags, CPU_QUOTA))
            .period(number(flags, CPU_PERIOD)).burst(number(flags, CPU_BURST))
            .realtimePeriod(number(flags, CPU_RT_PERIOD))
            .realtimeRuntime(number(flags, CPU_RT_RUNTIME)).idle(number(flags, CPU_IDLE))
            .cpus(flags.value(CPUSET_CPUS).orElse(null))
            .mems(flags.value(CPUSET_MEMS).orElse(null)).build())
        .blockIo(weight == 0 ? null : BlockIo.builder().weight(weight).build())
        .pids(pids == 0 ? null : new Pids(pids))
        .build();
  }

  private static Long bytes(Arguments flags, Flag flag) {
    return flags.value(flag).map(text -> RamBytes.parse(flag.longName(), text)).orElse(null);
  }

  private static Long number(Arguments flags, Flag flag) {
    return flags.value(flag).map(text -> {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new CliException("invalid value for " + flag.longName() + ": \"" + text
            + "\" is not a number");
      }
    }).orElse(null);
  }
}
