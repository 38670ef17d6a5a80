package io.capsa.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A directory tree seen as if it were {@code /}: the host itself in production, a tree built by a
 * test otherwise. Paths in it are absolute ({@code /etc/passwd}); symlinks are followed the way
 * the kernel follows them with that tree as the root, so an absolute link target never leaves it.
 */
final class HostTree {
  /** The kernel's MAXSYMLINKS: more links than this on one lookup is ELOOP. */
  private static final int MAX_LINKS = 40;
  private static final Path ROOT = Path.of("/");

  private final Path root;

  /** {@code root}: an absolute host directory. */
  HostTree(Path root) {
    if (!root.isAbsolute()) {
      throw new IllegalArgumentException("the host tree's root must be absolute: " + root);
    }
    this.root = root;
  }

  /** Where {@code path} of this tree is on the host. */
  Path onHost(Path path) {
    return root.resolve(ROOT.relativize(path));
  }

  boolean isSymlink(Path path) {
    return Files.isSymbolicLink(onHost(path));
  }

  /** The target of the symlink at {@code path}, as written in the link. */
  String linkText(Path path) {
    try {
      return Files.readSymbolicLink(onHost(path)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the symlink " + onHost(path), e);
    }
  }

  /**
   * {@code path} with every symlink in it followed: an absolute path of this tree without
   * symlinks; empty when something on the way is missing or there are too many links.
   */
  Optional<Path> resolve(Path path) {
    Deque<String> names = new ArrayDeque<>();
    path.forEach(name -> names.add(name.toString()));
    Path current = ROOT;
    int links = 0;
    while (!names.isEmpty()) {
      String name = names.removeFirst();
      if (name.equals("..")) {
        current = current.getParent() == null ? ROOT : current.getParent();
        continue;
      }
      if (name.equals(".")) {
        continue;
      }
      Path next = current.resolve(name);
      if (isSymlink(next)) {
        if (++links > MAX_LINKS) {
          return Optional.empty();
        }
        Path target = Path.of(linkText(next));
        for (int i = target.getNameCount() - 1; i >= 0; i--) {
          names.addFirst(target.getName(i).toString());
        }
        if (target.isAbsolute()) {
          current = ROOT;
        }
      } else if (Files.exists(onHost(next), LinkOption.NOFOLLOW_LINKS)) {
        current = next;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** Whether {@code resolved}, a path {@link #resolve} returned, is a directory. */
  boolean isDirectory(Path resolved) {
    return Files.isDirectory(onHost(resolved), LinkOption.NOFOLLOW_LINKS);
  }

  /** Whether {@code resolved}, a path {@link #resolve} returned, is a regular file. */
  boolean isRegularFile(Path resolved) {
    return Files.isRegularFile(onHost(resolved), LinkOption.NOFOLLOW_LINKS);
  }
}
