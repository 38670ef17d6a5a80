package io.capsa.runtime.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the root filesystem plan needs to know about the host, read when the plan is made.
 *
 * @param selinuxEnabled whether SELinux is enabled, so that a mountLabel can be applied
 * @param procKcoreExists whether /proc/kcore exists, which runc links /dev/core to
 * @param procAndSysfsMounts mount points of whole procfs and sysfs instances: without
 *     pivot_root they stay reachable, so they are detached or covered (runc's msMoveRoot)
 */
public record RootfsHost(boolean selinuxEnabled, boolean procKcoreExists,
    List<Path> procAndSysfsMounts) {
  private static final Path SELINUX_ENFORCE = Path.of("/sys/fs/selinux/enforce");
  private static final Path PROC_KCORE = Path.of("/proc/kcore");
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  public RootfsHost {
    procAndSysfsMounts = List.copyOf(procAndSysfsMounts);
  }

  /** The facts of this host, as this process sees it. */
  public static RootfsHost current() {
    try {
      return new RootfsHost(Files.exists(SELINUX_ENFORCE), Files.exists(PROC_KCORE),
          procAndSysfsMounts(Files.readAllLines(MOUNTINFO)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mount table " + MOUNTINFO, e);
    }
  }

  /**
   * The mount points, from lines of /proc/self/mountinfo, of mounts that show the root of a
   * proc or sysfs filesystem.
   */
  static List<Path> procAndSysfsMounts(List<String> mountinfo) {
    List<Path> mounts = new ArrayList<>();
    for (String line : mountinfo) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (separator < 5 || separator + 1 >= fields.length) {
        continue;
      }
      String fstype = fields[separator + 1];
      if (fields[3].equals("/") && (fstype.equals("proc") || fstype.equals("sysfs"))) {
        mounts.add(Path.of(unescape(fields[4])));
      }
    }
    return mounts;
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
