package io.capsa.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mount points of this process's mount namespace, from /proc/self/mountinfo. */
final class MountTable {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
  /** The mount point is the fifth field of a mountinfo line (proc(5)). */
  private static final int MOUNT_POINT_FIELD = 4;

  private MountTable() {}

  /** The mount points at or below {@code directory}, an absolute path without symlinks. */
  static List<Path> mountPointsUnder(Path directory) throws IOException {
    List<Path> under = new ArrayList<>();
    for (String line : Files.readAllLines(MOUNTINFO)) {
      String[] fields = line.split(" ");
      if (fields.length > MOUNT_POINT_FIELD) {
        Path mountPoint = Path.of(unescape(fields[MOUNT_POINT_FIELD]));
        if (mountPoint.startsWith(directory)) {
          under.add(mountPoint);
        }
      }
    }
    return under;
  }

  /** The kernel writes space, tab, newline and backslash in a path as \ooo octal escapes. */
  static String unescape(String field) {
    StringBuilder text = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
        text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static boolean isOctal(String field, int from) {
    for (int i = from; i < from + 3; i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
