package io.capsa.runtime.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the root filesystem plan needs to know about the host, read when the plan is made.
 *
 * @param selinuxEnabled whether SELinux is enabled, so that a mountLabel can be applied
 * @param procKcoreExists whether /proc/kcore exists, which runc links /dev/core to
 * @param procAndSysfsMounts mount points of whole procfs and sysfs instances: without
 *     pivot_root they stay reachable, so they are detached or covered (runc's msMoveRoot)
 * @param cgroup2Mount where the host's cgroup v2 hierarchy is mounted, bind-mounted into a
 *     container whose user namespace may not mount a cgroup2 of its own; null when it is not
 */
public record RootfsHost(boolean selinuxEnabled, boolean procKcoreExists,
    List<Path> procAndSysfsMounts, Path cgroup2Mount) {
  private static final Path SELINUX_ENFORCE = Path.of("/sys/fs/selinux/enforce");
  private static final Path PROC_KCORE = Path.of("/proc/kcore");
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  public RootfsHost {
    procAndSysfsMounts = List.copyOf(procAndSysfsMounts);
  }

  /** The facts of this host, as this process sees it. */
  public static RootfsHost current() {
    List<MountinfoLine> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(MOUNTINFO)) {
        MountinfoLine.parse(line).ifPresent(mounts::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mount table " + MOUNTINFO, e);
    }
    return new RootfsHost(Files.exists(SELINUX_ENFORCE), Files.exists(PROC_KCORE),
        procAndSysfsMounts(mounts), cgroup2Mount(mounts).orElse(null));
  }

  /** The mount points of mounts that show the root of a proc or sysfs filesystem. */
  static List<Path> procAndSysfsMounts(List<MountinfoLine> mounts) {
    return mounts.stream().filter(mount -> mount.root().equals("/")
        && (mount.fstype().equals("proc") || mount.fstype().equals("sysfs")))
        .map(MountinfoLine::mountPoint).toList();
  }

  /** The first mount of the root of a cgroup2 hierarchy. */
  static Optional<Path> cgroup2Mount(List<MountinfoLine> mounts) {
    return mounts.stream().filter(mount -> mount.root().equals("/")
        && mount.fstype().equals("cgroup2")).map(MountinfoLine::mountPoint).findFirst();
  }

  /** The fields of a line of /proc/self/mountinfo the plan looks at. */
  record MountinfoLine(String root, Path mountPoint, String fstype) {
    static Optional<MountinfoLine> parse(String line) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (separator < 5 || separator + 1 >= fields.length) {
        return Optional.empty();
      }
      return Optional.of(new MountinfoLine(unescape(fields[3]), Path.of(unescape(fields[4])),
          fields[separator + 1]));
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes (\040). */
    private static String unescape(String field) {
      StringBuilder text = new StringBuilder(field.length());
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4)
            .chars().allMatch(d -> d >= '0' && d <= '7')) {
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
