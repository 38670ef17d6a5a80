package io.capsa.runtime.cgroups;

import io.capsa.runtime.config.ConfigProblems;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a container's cgroup is in the cgroup v2 hierarchy: an absolute, clean path from the
 * hierarchy's root ({@code /capsa/web}), never the root itself. It is what the runtime stores
 * in the container's state, so later commands find the same cgroup.
 *
 * <p>{@code linux.cgroupsPath} is read as runc's cgroupfs driver reads it: an absolute path is
 * taken from the hierarchy's root; a relative one from the parent of the runtime's own cgroup
 * (the runtime's cgroup itself usually holds processes, and a cgroup with processes cannot pass
 * controllers to children); an absent one is the container id, relative. Paths are cleaned
 * lexically first, so {@code ..} never climbs above the root.
 */
public record CgroupPath(String value) {
  private static final String CGROUPS_PATH = "$.linux.cgroupsPath";

  public CgroupPath {
    if (!value.startsWith("/") || !clean(value).equals(value) || value.equals("/")) {
      throw new IllegalArgumentException(
          "not a clean absolute cgroup path below the root: \"" + value + "\"");
    }
  }

  /** A path as stored in a container's state. */
  public static CgroupPath of(String value) {
    return new CgroupPath(value);
  }

  /**
   * The container's cgroup for {@code cgroupsPath} (null when absent), adding a problem when it
   * names the hierarchy's root.
   *
   * @param ownCgroup the runtime's own cgroup ({@link CgroupHierarchy#ownCgroup()})
   */
  public static CgroupPath forContainer(String cgroupsPath, String containerId, String ownCgroup,
      ConfigProblems problems) {
    String requested = cgroupsPath == null || cgroupsPath.isEmpty() ? containerId : cgroupsPath;
    if (requested.indexOf('\0') >= 0) {
      problems.add(CGROUPS_PATH, "contains a NUL character");
      return null;
    }
    String path = requested.startsWith("/")
        ? clean(requested)
        : clean(parentOf(clean("/" + ownCgroup)) + "/" + clean("/" + requested));
    if (path.equals("/")) {
      problems.add(CGROUPS_PATH, "\"" + requested + "\" is the root of the cgroup hierarchy;"
          + " a container needs a cgroup of its own");
      return null;
    }
    return new CgroupPath(path);
  }

  /** The path without its leading slash, to resolve beneath the hierarchy's mount point. */
  public String relative() {
    return value.substring(1);
  }

  /** The path's names from the top: {@code /a/b} is [a, b]. */
  public List<String> names() {
    return List.of(relative().split("/"));
  }

  /** This cgroup's directory under a hierarchy mounted at {@code mountPoint}. */
  public Path under(Path mountPoint) {
    return mountPoint.resolve(relative());
  }

  @Override
  public String toString() {
    return value;
  }

  /** Lexical cleaning of an absolute path: no empty, "." or ".." names, ".." stops at "/". */
  private static String clean(String absolute) {
    Deque<String> names = new ArrayDeque<>();
    for (String name : absolute.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        names.pollLast();
      } else {
        names.addLast(name);
      }
    }
    return "/" + String.join("/", names);
  }

  private static String parentOf(String absolute) {
    int slash = absolute.lastIndexOf('/');
    return slash <= 0 ? "/" : absolute.substring(0, slash);
  }
}
