package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa update}: new resource limits for a container's cgroup, from a resources
 * document ({@code -r FILE}, or {@code -} for stdin; the other flags are then ignored, as runc
 * ignores them) or from runc's individual flags. What is not given stays as it is.
 */
@Command(name = "update", description = "update container resource constraints")
final class UpdateCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Option(names = {"-r", "--resources"}, paramLabel = "FILE",
      description = "path to the file containing the resources to update or '-' to read from"
          + " the standard input (linux.resources of config.json: memory, cpu, blockIO, pids,"
          + " hugepageLimits, rdma, unified, devices)")
  String resources;

  @Option(names = "--blkio-weight", description = "per cgroup weight, from 10 to 1000")
  int blkioWeight;

  @Option(names = "--cpu-period",
      description = "CPU CFS period to be used for hardcapping (in usecs)")
  Long cpuPeriod;

  @Option(names = "--cpu-quota",
      description = "CPU CFS hardcap limit (in usecs), allowed cpu time in a given period")
  Long cpuQuota;

  @Option(names = "--cpu-burst",
      description = "CPU CFS hardcap burst limit (in usecs)")
  Long cpuBurst;

  @Option(names = {"--cpu-share", "--cpu-shares"},
      description = "CPU shares (relative weight vs. other containers)")
  Long cpuShares;

  @Option(names = "--cpu-rt-period",
      description = "CPU realtime period (in usecs); cgroup v2 has no real-time bandwidth")
  Long cpuRtPeriod;

  @Option(names = "--cpu-rt-runtime",
      description = "CPU realtime hardcap limit (in usecs); cgroup v2 has no real-time bandwidth")
  Long cpuRtRuntime;

  @Option(names = "--cpu-idle", description = "1: SCHED_IDLE for the cgroup, 0: the default")
  Long cpuIdle;

  @Option(names = "--cpuset-cpus", description = "CPU(s) to use")
  String cpusetCpus;

  @Option(names = "--cpuset-mems", description = "memory node(s) to use")
  String cpusetMems;

  @Option(names = "--memory", description = "memory limit (in bytes; 512m, 1g; -1: none)")
  String memory;

  @Option(names = "--memory-reservation",
      description = "memory reservation or soft limit (in bytes)")
  String memoryReservation;

  @Option(names = "--memory-swap",
      description = "total memory usage (memory + swap); set '-1' to enable unlimited swap")
  String memorySwap;

  @Option(names = "--pids-limit",
      description = "maximum number of pids allowed in the container (-1: none)")
  long pidsLimit;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    capsa.runtime().load(id).update(resources == null ? fromFlags() : fromDocument());
  }

  private Resources fromDocument() {
    try {
      String json = resources.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(resources));
      return OciJson.read(json, Resources.class);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resources, e);
    }
  }

  /** runc's: a flag not given changes nothing; a memory limit of -1 lifts the swap limit too. */
  private Resources fromFlags() {
    Long limit = memory == null ? null : RamBytes.parse("memory", memory);
    Long swap = memorySwap == null ? null : RamBytes.parse("memory-swap", memorySwap);
    if (limit != null && limit == -1 && swap == null) {
      swap = -1L;
    }
    return Resources.builder()
        .memory(Memory.builder().limit(limit).swap(swap)
            .reservation(memoryReservation == null ? null
                : RamBytes.parse("memory-reservation", memoryReservation))
            .build())
        .cpu(Cpu.builder().shares(cpuShares).quota(cpuQuota).period(cpuPeriod).burst(cpuBurst)
            .realtimePeriod(cpuRtPeriod).realtimeRuntime(cpuRtRuntime).idle(cpuIdle)
            .cpus(cpusetCpus).mems(cpusetMems).build())
        .blockIo(blkioWeight == 0 ? null : BlockIo.builder().weight(blkioWeight).build())
        .pids(pidsLimit == 0 ? null : new Pids(pidsLimit))
        .build();
  }
}
