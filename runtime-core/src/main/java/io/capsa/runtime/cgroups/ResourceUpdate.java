package io.capsa.runtime.cgroups;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.Cpu;
import io.capsa.oci.linux.HugepageLimit;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Rdma;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.linux.ThrottleDevice;
import io.capsa.oci.linux.WeightDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An update of a container's resources as runc's update makes it: it starts from the
 * container's current settings and replaces only the members the update sets, so that the
 * cgroup is then written from the whole result. That is what keeps the values cgroup v2 derives
 * from two members right when the update gives one: memory.swap.max from the memory limit and
 * the memory+swap limit, cpu.max from the quota and the period (a quota alone keeps the
 * period, a period alone keeps the quota).
 *
 * <p>Absent, and for the numbers runc reads as "unset" also 0 (cpu quota and period, blockIO
 * weight) or empty (cpusets), means "not given". Lists of devices and huge page sizes and the
 * map of RDMA devices are merged entry by entry, an entry of the update replacing the one of
 * the same device or size. As in runc, {@code unified} is the update's alone (absent: none), a
 * memory limit of -1 without a memory+swap limit lifts the swap limit as well, and {@code
 * memory.checkBeforeUpdate} holds for this update only. Of the current settings only those
 * cgroup v2 has a place for are kept, so that an update does not warn again about the ones it
 * ignores. Devices are the update's when it has some, else the current ones.
 *
 * @param current the container's settings: its configuration's, or the last update's result
 * @param given the update
 */
public record ResourceUpdate(Resources current, Resources given) {

  /** The settings after the update, which are written to the cgroup and kept for the next. */
  public Resources merged() {
    return Resources.builder()
        .devices(given.devices() != null ? given.devices() : current.devices())
        .memory(memory(current.memory(), given.memory()))
        .cpu(cpu(current.cpu(), given.cpu()))
        .pids(given.pids() != null ? given.pids() : current.pids())
        .blockIo(blockIo(current.blockIo(), given.blockIo()))
        .hugepageLimits(merge(current.hugepageLimits(), given.hugepageLimits(),
            HugepageLimit::pageSize))
        .network(given.network())
        .rdma(rdma(current.rdma(), given.rdma()))
        .unified(given.unified())
        .build();
  }

  private static Memory memory(Memory current, Memory given) {
    if (current == null && given == null) {
      return null;
    }
    Memory was = current == null ? Memory.builder().build() : current;
    if (given == null) {
      return Memory.builder().limit(was.limit()).reservation(was.reservation())
          .swap(was.swap()).build();
    }
    Long limit = or(given.limit(), was.limit());
    Long swap = given.swap();
    if (swap == null && !Long.valueOf(-1).equals(given.limit())) {
      swap = was.swap();
    }
    return given.toBuilder().limit(limit).reservation(or(given.reservation(), was.reservation()))
        .swap(swap).build();
  }

  private static Cpu cpu(Cpu current, Cpu given) {
    if (current == null && given == null) {
      return null;
    }
    Cpu was = current == null ? Cpu.builder().build() : current;
    Cpu update = given == null ? Cpu.builder().build() : given;
    return update.toBuilder()
        .shares(or(update.shares(), was.shares()))
        .quota(orUnlessZero(update.quota(), was.quota()))
        .period(orUnlessZero(update.period(), was.period()))
        .burst(or(update.burst(), was.burst()))
        .idle(or(update.idle(), was.idle()))
        .cpus(update.cpus() == null || update.cpus().isEmpty() ? was.cpus() : update.cpus())
        .mems(update.mems() == null || update.mems().isEmpty() ? was.mems() : update.mems())
        .build();
  }

  private static BlockIo blockIo(BlockIo current, BlockIo given) {
    if (current == null && given == null) {
      return null;
    }
    BlockIo was = current == null ? BlockIo.builder().build() : current;
    BlockIo update = given == null ? BlockIo.builder().build() : given;
    Integer weight = update.weight() == null || update.weight() == 0
        ? was.weight() : update.weight();
    return update.toBuilder().weight(weight)
        .weightDevice(merge(withoutLeafWeights(was.weightDevice()), update.weightDevice(),
            device -> device.major() + ":" + device.minor()))
        .throttleReadBpsDevice(throttles(was.throttleReadBpsDevice(),
            update.throttleReadBpsDevice()))
        .throttleWriteBpsDevice(throttles(was.throttleWriteBpsDevice(),
            update.throttleWriteBpsDevice()))
        .throttleReadIopsDevice(throttles(was.throttleReadIopsDevice(),
            update.throttleReadIopsDevice()))
        .throttleWriteIopsDevice(throttles(was.throttleWriteIopsDevice(),
            update.throttleWriteIopsDevice()))
        .build();
  }

  private static List<WeightDevice> withoutLeafWeights(List<WeightDevice> devices) {
    return devices == null ? null : devices.stream()
        .map(device -> new WeightDevice(device.major(), device.minor(), device.weight(), null))
        .toList();
  }

  private static List<ThrottleDevice> throttles(List<ThrottleDevice> current,
      List<ThrottleDevice> given) {
    return merge(current, given, device -> device.major() + ":" + device.minor());
  }

  private static Map<String, Rdma> rdma(Map<String, Rdma> current, Map<String, Rdma> given) {
    if (current == null || given == null) {
      return given != null ? given : current;
    }
    Map<String, Rdma> merged = new LinkedHashMap<>(current);
    merged.putAll(given);
    return merged;
  }

  /** The current entries with those of the same key replaced by the given ones, then the rest. */
  private static <T> List<T> merge(List<T> current, List<T> given, Function<T, String> key) {
    if (current == null || given == null) {
      return given != null ? given : current;
    }
    Map<String, T> byKey = new LinkedHashMap<>();
    current.forEach(entry -> byKey.put(key.apply(entry), entry));
    given.forEach(entry -> byKey.put(key.apply(entry), entry));
    return new ArrayList<>(byKey.values());
  }

  private static <T> T or(T given, T current) {
    return given != null ? given : current;
  }

  private static Long orUnlessZero(Long given, Long current) {
    return given != null && given != 0 ? given : current;
  }
}
