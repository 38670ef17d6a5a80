package io.capsa.runtime.cgroups;

import io.capsa.oci.linux.BlockIo;
import io.capsa.oci.linux.ThrottleDevice;
import io.capsa.oci.linux.WeightDevice;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * blockIO to the io controller. Weights go to BFQ's io.bfq.weight, which takes blkio's own
 * scale, when the kernel has BFQ, else to io.weight converted as runc converts them. Throttles
 * become one io.max line per device, {@code MAJ:MIN rbps=N wbps=N riops=N wiops=N}, with the
 * keys the config sets (the kernel keeps the others).
 */
final class BlockIoConversion {
  private final String at;
  private final ConfigProblems problems;
  private final List<CgroupWrite> writes = new ArrayList<>();
  /** io.max lines by device, in the order devices first appear, with the path of that entry. */
  private final Map<String, StringBuilder> throttles = new LinkedHashMap<>();
  private final Map<String, String> throttleSources = new LinkedHashMap<>();

  private BlockIoConversion(String at, ConfigProblems problems) {
    this.at = at;
    this.problems = problems;
  }

  /**
   * The writes for {@code blockIo} (null: none); {@code ignore} takes the JSON path and the
   * reason of each setting cgroup v2 has no place for.
   */
  static List<CgroupWrite> convert(BlockIo blockIo, String at, ConfigProblems problems,
      BiConsumer<String, String> ignore) {
    if (blockIo == null) {
      return List.of();
    }
    BlockIoConversion conversion = new BlockIoConversion(at, problems);
    if (blockIo.weight() != null && blockIo.weight() != 0) {
      conversion.weight(blockIo.weight(), "", at + ".weight");
    }
    if (blockIo.leafWeight() != null) {
      ignore.accept(at + ".leafWeight", "cgroup v2 has no leaf weights");
    }
    List<WeightDevice> weightDevices = orEmpty(blockIo.weightDevice());
    for (int i = 0; i < weightDevices.size(); i++) {
      WeightDevice device = weightDevices.get(i);
      String path = at + ".weightDevice[" + i + "]";
      if (device.leafWeight() != null) {
        ignore.accept(path + ".leafWeight", "cgroup v2 has no leaf weights");
      }
      String number = conversion.device(device.major(), device.minor(), path);
      if (number != null && device.weight() != null) {
        conversion.weight(device.weight(), number + " ", path + ".weight");
      }
    }
    conversion.throttles(blockIo.throttleReadBpsDevice(), "rbps", at + ".throttleReadBpsDevice");
    conversion.throttles(blockIo.throttleWriteBpsDevice(), "wbps",
        at + ".throttleWriteBpsDevice");
    conversion.throttles(blockIo.throttleReadIopsDevice(), "riops",
        at + ".throttleReadIOPSDevice");
    conversion.throttles(blockIo.throttleWriteIopsDevice(), "wiops",
        at + ".throttleWriteIOPSDevice");
    conversion.throttles.forEach((number, line) -> conversion.writes.add(
        CgroupWrite.of("io.max", line.toString(), conversion.throttleSources.get(number))));
    return conversion.writes;
  }

  /** A weight for all devices ({@code device} empty) or one ({@code "8:0 "}). */
  private void weight(int weight, String device, String path) {
    if (weight < RuncConversions.BLKIO_WEIGHT_MIN || weight > RuncConversions.BLKIO_WEIGHT_MAX) {
      problems.add(path, "must be from " + RuncConversions.BLKIO_WEIGHT_MIN + " to "
          + RuncConversions.BLKIO_WEIGHT_MAX + ", was " + weight);
      return;
    }
    writes.add(CgroupWrite.of("io.bfq.weight", device + weight, path)
        .orInstead(CgroupWrite.of("io.weight", device + RuncConversions.ioWeight(weight), path)));
  }

  private void throttles(List<ThrottleDevice> devices, String key, String member) {
    List<ThrottleDevice> list = orEmpty(devices);
    for (int i = 0; i < list.size(); i++) {
      ThrottleDevice device = list.get(i);
      String path = member + "[" + i + "]";
      String number = device(device.major(), device.minor(), path);
      if (number == null || device.rate() == null) {
        continue;
      }
      throttles.computeIfAbsent(number, StringBuilder::new)
          .append(' ').append(key).append('=').append(Long.toUnsignedString(device.rate()));
      throttleSources.putIfAbsent(number, path);
    }
  }

  /** "MAJ:MIN", or null after adding a problem when a number is out of range. */
  private String device(long major, long minor, String path) {
    boolean valid = DeviceRules.checkNumber(major, path + ".major", problems)
        & DeviceRules.checkNumber(minor, path + ".minor", problems);
    return valid ? major + ":" + minor : null;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
