package io.capsa.runtime.cgroups;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A cgroup at or below a container's own, in which an exec'd process is born (runc's {@code exec
 * --cgroup}): a path relative to the container's cgroup, where a leading "/" stands for the
 * container's cgroup as it does in runc, and "/" or "" is that cgroup itself. The path is
 * cleaned lexically and one whose ".." would climb out of the container's cgroup is refused
 * here, with a message; the open that follows is confined beneath the container's cgroup by the
 * kernel as well (openat2 with RESOLVE_BENEATH and no symlinks).
 *
 * @param relative the clean path below the container's cgroup, without leading slash; empty for
 *     the container's cgroup itself
 */
public record SubCgroup(String relative) {
  /** The container's own cgroup. */
  public static final SubCgroup CONTAINERS = new SubCgroup("");

  public SubCgroup {
    if (!relative.equals(clean(relative))) {
      throw new IllegalArgumentException(
          "not a clean relative cgroup path without \"..\": \"" + relative + "\"");
    }
  }

  /**
   * The sub-cgroup {@code path} names.
   *
   * @throws IllegalArgumentException when it leaves the container's cgroup or holds a NUL
   */
  public static SubCgroup of(String path) {
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "bad sub cgroup path: \"" + path.replace("\0", "\\0") + "\" contains a NUL character");
    }
    String relative = clean(path);
    if (relative == null) {
      throw new IllegalArgumentException("bad sub cgroup path: " + path
          + " (it leads out of the container's cgroup; a sub-cgroup is below it)");
    }
    return new SubCgroup(relative);
  }

  /** Whether this is the container's cgroup itself. */
  public boolean isContainers() {
    return relative.isEmpty();
  }

  @Override
  public String toString() {
    return "/" + relative;
  }

  /** The names without empty ones, "." and pairs of a name and "..": null when ".." climbs out. */
  private static String clean(String path) {
    Deque<String> names = new ArrayDeque<>();
    for (String name : path.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (names.pollLast() == null) {
          return null;
        }
      } else {
        names.addLast(name);
      }
    }
    return String.join("/", names);
  }
}
