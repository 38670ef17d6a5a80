package io.capsa.runtime.cgroups;

import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.runtime.cgroups.DeviceRule.Access;
import io.capsa.runtime.cgroups.DeviceRule.Type;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The device list of a container's cgroup: {@code linux.resources.devices} checked and
 * converted, followed by runc's default allowed devices, which therefore win over the config,
 * as they do under runc. A default is left out when {@code linux.devices} creates a device at
 * its path (the spec's device takes its place, and needs a rule of its own like any other).
 */
public final class DeviceRules {
  /** Device numbers are 32-bit in the spec's schema and in the kernel's device filters. */
  private static final long MAX_DEVICE_NUMBER = 0xffff_ffffL;
  private static final Set<Access> RWM = Set.of(Access.READ, Access.WRITE, Access.MKNOD);

  /** A rule runc allows by default, and the device path it belongs to (null: none). */
  private record Default(String path, DeviceRule rule) {}

  /** runc's AllowedDevices (libcontainer/specconv), in its order. */
  private static final List<Default> RUNC_DEFAULTS = List.of(
      new Default(null, allow(Type.CHAR, null, null, Set.of(Access.MKNOD))),
      new Default(null, allow(Type.BLOCK, null, null, Set.of(Access.MKNOD))),
      new Default("/dev/null", allow(Type.CHAR, 1L, 3L, RWM)),
      new Default("/dev/random", allow(Type.CHAR, 1L, 8L, RWM)),
      new Default("/dev/full", allow(Type.CHAR, 1L, 7L, RWM)),
      new Default("/dev/tty", allow(Type.CHAR, 5L, 0L, RWM)),
      new Default("/dev/zero", allow(Type.CHAR, 1L, 5L, RWM)),
      new Default("/dev/urandom", allow(Type.CHAR, 1L, 9L, RWM)),
      new Default(null, allow(Type.CHAR, 136L, null, RWM)),
      new Default(null, allow(Type.CHAR, 5L, 2L, RWM)),
      new Default(null, allow(Type.CHAR, 10L, 200L, RWM)));

  private DeviceRules() {}

  /**
   * The rules for a container: {@code rules} ({@code linux.resources.devices}, null: none)
   * then runc's defaults less those {@code devices} ({@code linux.devices}) replace.
   */
  public static List<DeviceRule> forContainer(List<DeviceCgroup> rules, List<Device> devices,
      String at, ConfigProblems problems) {
    List<DeviceRule> result = new ArrayList<>(fromConfig(rules, at, problems));
    for (Default rule : RUNC_DEFAULTS) {
      boolean replaced = rule.path() != null && devices != null
          && devices.stream().anyMatch(device -> device.path().equals(rule.path()));
      if (!replaced) {
        result.add(rule.rule());
      }
    }
    return List.copyOf(result);
  }

  /**
   * The rules of a devices list (null: none) as given, each checked as runc checks it: type
   * "a", "c" or "b" (absent: "a"), access some of "rwm" and not empty, numbers from 0 to 2^32-1
   * (absent: any).
   *
   * @param at the JSON path of the list
   */
  public static List<DeviceRule> fromConfig(List<DeviceCgroup> rules, String at,
      ConfigProblems problems) {
    if (rules == null) {
      return List.of();
    }
    List<DeviceRule> result = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      DeviceCgroup rule = rules.get(i);
      String path = at + "[" + i + "]";
      Type type = type(rule.type(), path + ".type", problems);
      Set<Access> access = access(rule.access(), path + ".access", problems);
      boolean numbersValid = checkNumber(rule.major(), path + ".major", problems)
          & checkNumber(rule.minor(), path + ".minor", problems);
      if (type != null && access != null && numbersValid) {
        result.add(new DeviceRule(rule.allow(), type, rule.major(), rule.minor(), access));
      }
    }
    return List.copyOf(result);
  }

  private static Type type(String letter, String path, ConfigProblems problems) {
    if (letter == null || letter.isEmpty()) {
      return Type.ALL;
    }
    for (Type type : Type.values()) {
      if (letter.equals(String.valueOf(type.letter()))) {
        return type;
      }
    }
    problems.add(path, "must be \"a\", \"c\" or \"b\", was \"" + letter + "\"");
    return null;
  }

  private static Set<Access> access(String letters, String path, ConfigProblems problems) {
    if (letters == null || letters.isEmpty()) {
      problems.add(path, "must name the access the rule is about, some of \"rwm\"");
      return null;
    }
    Set<Access> access = EnumSet.noneOf(Access.class);
    for (char letter : letters.toCharArray()) {
      Access kind = switch (letter) {
        case 'r' -> Access.READ;
        case 'w' -> Access.WRITE;
        case 'm' -> Access.MKNOD;
        default -> null;
      };
      if (kind == null) {
        problems.add(path, "must be some of \"rwm\", was \"" + letters + "\"");
        return null;
      }
      access.add(kind);
    }
    return access;
  }

  /** Whether a device number (null: any) is in range; adds a problem when it is not. */
  static boolean checkNumber(Long number, String path, ConfigProblems problems) {
    if (number != null && (number < 0 || number > MAX_DEVICE_NUMBER)) {
      problems.add(path, "must be from 0 to " + MAX_DEVICE_NUMBER + ", was " + number);
      return false;
    }
    return true;
  }

  private static DeviceRule allow(Type type, Long major, Long minor, Set<Access> access) {
    return new DeviceRule(true, type, major, minor, access);
  }
}
