package io.capsa.rootfs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A host file or directory bind-mounted into the sandbox ({@code -v SRC:DST[:ro]}).
 *
 * @param source the absolute host path to mount
 * @param destination the absolute path inside the sandbox; neither {@code /} nor a path with
 *     {@code ..} in it
 * @param readOnly whether the sandbox sees it read-only (the whole tree below it)
 */
public record Volume(Path source, Path destination, boolean readOnly) {
  public Volume {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    String problem = problemOf(source, destination);
    if (problem != null) {
      throw new IllegalArgumentException(
          "invalid volume " + text(source, destination, readOnly) + ": " + problem);
    }
    destination = destination.normalize();
  }

  /**
   * Parses {@code SRC:DST}, {@code SRC:DST:ro} or {@code SRC:DST:rw}. The source must exist; it
   * is resolved on the host now, symlinks included, so that the bundle names exactly what it
   * mounts.
   *
   * @throws IllegalArgumentException naming the volume and what is wrong with it
   */
  public static Volume parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String[] parts = spec.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw invalid(spec, "expected SRC:DST, SRC:DST:ro or SRC:DST:rw");
    }
    boolean readOnly = false;
    if (parts.length == 3) {
      if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
        throw invalid(spec, "the mode must be ro or rw, was \"" + parts[2] + "\"");
      }
      readOnly = parts[2].equals("ro");
    }
    String problem = textProblem(parts[0], "source");
    if (problem == null) {
      problem = textProblem(parts[1], "destination");
    }
    Path source = problem == null ? Path.of(parts[0]) : null;
    Path destination = problem == null ? Path.of(parts[1]) : null;
    if (problem == null) {
      problem = problemOf(source, destination);
    }
    if (problem != null) {
      throw invalid(spec, problem);
    }
    return new Volume(realSource(spec, source), destination, readOnly);
  }

  private static Path realSource(String spec, Path source) {
    try {
      return source.toRealPath();
    } catch (NoSuchFileException e) {
      throw invalid(spec, "the source " + source + " does not exist");
    } catch (IOException e) {
      throw invalid(spec, "cannot resolve the source " + source + ": " + e);
    }
  }

  /** What keeps one side of the text from being a path: it is empty or holds a NUL. */
  private static String textProblem(String side, String name) {
    if (side.isEmpty()) {
      return "the " + name + " is empty";
    }
    if (side.indexOf('\0') >= 0) {
      return "the " + name + " contains a NUL character";
    }
    return null;
  }

  private static String problemOf(Path source, Path destination) {
    if (!source.isAbsolute()) {
      return "the source \"" + source + "\" must be an absolute path";
    }
    if (!destination.isAbsolute()) {
      return "the destination \"" + destination + "\" must be an absolute path";
    }
    if (destination.getNameCount() == 0) {
      return "the destination cannot be /: the sandbox's root is the host view";
    }
    for (Path name : destination) {
      if (name.toString().equals("..")) {
        return "the destination " + destination + " must not contain ..";
      }
    }
    return null;
  }

  private static IllegalArgumentException invalid(String spec, String problem) {
    return new IllegalArgumentException(
        "invalid volume \"" + spec.replace("\0", "\\0") + "\": " + problem);
  }

  private static String text(Path source, Path destination, boolean readOnly) {
    return source + ":" + destination + (readOnly ? ":ro" : "");
  }

  /** {@code SRC:DST} or {@code SRC:DST:ro}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return text(source, destination, readOnly);
  }
}
