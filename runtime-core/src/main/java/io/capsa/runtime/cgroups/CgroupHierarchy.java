package io.capsa.runtime.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cgroup v2 hierarchy of this host as the runtime finds it: where it is mounted, whether
 * cgroup v1 hierarchies are mounted beside it (the hybrid layout, in which the v1 hierarchies
 * keep the resource controllers), and the cgroup the runtime itself runs in.
 *
 * @param mountPoint where the cgroup2 filesystem is mounted, e.g. /sys/fs/cgroup or, on a
 *     hybrid host, /sys/fs/cgroup/unified
 * @param hybrid whether cgroup v1 hierarchies are mounted too
 * @param ownCgroup the runtime's cgroup in this hierarchy, e.g. {@code /user.slice}
 */
public record CgroupHierarchy(Path mountPoint, boolean hybrid, String ownCgroup) {

  /** The hierarchy of this process, from /proc/self/mountinfo and /proc/self/cgroup. */
  public static CgroupHierarchy ofThisProcess() {
    return parse(read(Path.of("/proc/self/mountinfo")), read(Path.of("/proc/self/cgroup")));
  }

  /**
   * The hierarchy that a mountinfo table and a /proc/PID/cgroup file describe.
   *
   * @throws CgroupException when no cgroup2 filesystem is mounted
   */
  public static CgroupHierarchy parse(String mountinfo, String procCgroup) {
    Path mountPoint = null;
    boolean hybrid = false;
    for (String line : mountinfo.split("\n")) {
      Optional<MountinfoLine> mount = MountinfoLine.parse(line);
      if (mount.isEmpty()) {
        continue;
      }
      if (mount.get().fsType().equals("cgroup")) {
        hybrid = true;
      } else if (mount.get().fsType().equals("cgroup2") && mountPoint == null
          && mount.get().root().equals("/")) {
        mountPoint = Path.of(mount.get().mountPoint());
      }
    }
    if (mountPoint == null) {
      throw new CgroupException("no cgroup v2 hierarchy is mounted on this host (no cgroup2 "
          + "filesystem in /proc/self/mountinfo); Capsa needs one to manage containers' cgroups");
    }
    return new CgroupHierarchy(mountPoint, hybrid, ownCgroupIn(procCgroup));
  }

  /** The "0::" line of /proc/PID/cgroup: the process's cgroup in the v2 hierarchy. */
  private static String ownCgroupIn(String procCgroup) {
    for (String line : procCgroup.split("\n")) {
      if (line.startsWith("0::")) {
        return line.substring(3);
      }
    }
    throw new CgroupException("/proc/self/cgroup has no cgroup v2 entry (a line starting with "
        + "\"0::\"): " + procCgroup.strip());
  }

  /** A cgroup's directory in this hierarchy. */
  public Path directoryOf(CgroupPath path) {
    return path.under(mountPoint);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The fields of one mountinfo line the runtime needs. Mount points escape spaces as {@code
   * \040}; the filesystem type follows the " - " separator after the optional fields.
   */
  private record MountinfoLine(String root, String mountPoint, String fsType) {
    static Optional<MountinfoLine> parse(String line) {
      String[] fields = line.split(" ");
      int separator = Arrays.asList(fields).indexOf("-");
      if (fields.length < 5 || separator < 0 || separator + 1 >= fields.length) {
        return Optional.empty();
      }
      return Optional.of(
          new MountinfoLine(unescape(fields[3]), unescape(fields[4]), fields[separator + 1]));
    }

    private static String unescape(String field) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\\' && i + 3 < field.length()
            && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
          text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          text.append(c);
        }
      }
      return text.toString();
    }
  }
}
