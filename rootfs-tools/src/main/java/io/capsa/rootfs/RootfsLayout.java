package io.capsa.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a sandbox's rootfs directory holds before the runtime mounts anything on it: the mount
 * points, the reproduced symlinks and the few files Capsa writes itself. Built up path by path,
 * refusing a path that contradicts an earlier one (a directory where a file is), then created in
 * an empty directory. Modes are set exactly, whatever the umask.
 */
final class RootfsLayout {
  private static final Path ROOT = Path.of("/");
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");

  /** One path of the layout. */
  sealed interface Entry {}

  record Directory() implements Entry {}

  /** A file: empty when it is only a mount point, else the text Capsa writes into it. */
  record RegularFile(String content) implements Entry {}

  record Symlink(String target) implements Entry {}

  /** By absolute path in the sandbox; a directory always comes before what is in it. */
  private final Map<Path, Entry> entries = new LinkedHashMap<>();

  /** The directory {@code path} and those above it, where they are not there yet. */
  void directory(Path path) {
    parents(path);
    Entry existing = entries.putIfAbsent(path, new Directory());
    if (existing != null && !(existing instanceof Directory)) {
      throw conflict(path, existing, "a directory");
    }
  }

  /** A file at {@code path} to mount onto: an empty one unless a file is there already. */
  void mountPointFile(Path path) {
    parents(path);
    Entry existing = entries.putIfAbsent(path, new RegularFile(""));
    if (existing != null && !(existing instanceof RegularFile)) {
      throw conflict(path, existing, "a file");
    }
  }

  void symlink(Path path, String target) {
    add(path, new Symlink(target), "a symlink");
  }

  void file(Path path, String content) {
    add(path, new RegularFile(content), "a file");
  }

  /** The entry at {@code path}, or null. */
  Entry at(Path path) {
    return entries.get(path);
  }

  private void add(Path path, Entry entry, String what) {
    parents(path);
    Entry existing = entries.putIfAbsent(path, entry);
    if (existing != null) {
      throw conflict(path, existing, what);
    }
  }

  private void parents(Path path) {
    if (!path.isAbsolute() || path.getNameCount() == 0) {
      throw new IllegalArgumentException("not a path below / : " + path);
    }
    for (int depth = 1; depth < path.getNameCount(); depth++) {
      directory(ROOT.resolve(path.subpath(0, depth)));
    }
  }

  private static IllegalArgumentException conflict(Path path, Entry existing, String wanted) {
    String is = existing instanceof Directory ? "a directory"
        : existing instanceof Symlink link ? "a symlink to " + link.target() : "a file";
    return new IllegalArgumentException(path + " is " + is + " in the sandbox's rootfs, it cannot"
        + " also be " + wanted);
  }

  /** Creates every entry in {@code rootfs}, an empty directory. */
  void create(Path rootfs) throws IOException {
    for (Map.Entry<Path, Entry> entry : entries.entrySet()) {
      Path path = rootfs.resolve(ROOT.relativize(entry.getKey()));
      if (entry.getValue() instanceof Directory) {
        Files.createDirectory(path);
        Files.setPosixFilePermissions(path, DIRECTORY_MODE);
      } else if (entry.getValue() instanceof RegularFile file) {
        Files.writeString(path, file.content(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(path, FILE_MODE);
      } else if (entry.getValue() instanceof Symlink link) {
        Files.createSymbolicLink(path, Path.of(link.target()));
      }
    }
  }
}
