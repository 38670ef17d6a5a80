package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.sys.Errno;

/**
 * Opens and creates paths inside a root filesystem, relative to an fd of its root, so that
 * neither a symlink nor ".." leads out of it (security.md: symlink swaps under mount targets).
 * Every lookup is openat2 with RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS from the root fd, which
 * resolves absolute symlinks against the container's root; a missing directory is created by
 * mkdirat relative to the fd of its already resolved parent. Every fd is O_PATH|O_CLOEXEC.
 */
final class InRootfs {
  /** Mode of the directories created for mount points and device nodes (the umask is 0). */
  static final int DIRECTORY_MODE = 0755;
  /** Mode of an empty file created as the mount point of a file bind mount. */
  static final int FILE_MODE = 0644;

  private final InitProgramBuilder b;
  private final Operand root;

  InRootfs(InitProgramBuilder b, Operand root) {
    this.b = b;
    this.root = root;
  }

  /** RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS, and RESOLVE_NO_SYMLINKS for {@code noSymlinks}. */
  static long resolveFlags(InitProgramBuilder b, boolean noSymlinks) {
    return b.flags(RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS)
        | (noSymlinks ? b.constant(RESOLVE_NO_SYMLINKS) : 0);
  }

  /** Opens the existing {@code path} as O_PATH|O_CLOEXEC plus {@code openFlags}. */
  Step open(ContainerPath path, long openFlags, boolean noSymlinks, String purpose) {
    return b.openat2(root, path.relative(), b.flags(O_PATH, O_CLOEXEC) | openFlags, 0,
        resolveFlags(b, noSymlinks)).describedAs(purpose + ": open " + path);
  }

  /** Creates the directory {@code path} and those above it where missing, and opens it. */
  Step createDirectory(ContainerPath path, boolean noSymlinks, String purpose) {
    Directory parent = createParents(path, noSymlinks, purpose);
    b.mkdirat(parent.fd, path.name(), DIRECTORY_MODE).tolerating(Errno.EEXIST)
        .describedAs(purpose + ": create directory " + path + " unless it exists");
    Step opened = open(path, b.constant(O_DIRECTORY), noSymlinks, purpose);
    parent.close();
    return opened;
  }

  /** Creates an empty file at {@code path} (and directories above it) if missing; opens it. */
  Step createFile(ContainerPath path, boolean noSymlinks, String purpose) {
    Directory parent = createParents(path, noSymlinks, purpose);
    b.mknodat(parent.fd, path.name(), b.constant(S_IFREG) | FILE_MODE, 0)
        .tolerating(Errno.EEXIST).describedAs(purpose + ": create file " + path
            + " unless it exists");
    Step opened = open(path, 0, noSymlinks, purpose);
    parent.close();
    return opened;
  }

  /**
   * Opens {@code path}, the entry of {@code parent}, without following any symlink: a name
   * that is a symlink fails with ELOOP (RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS).
   */
  Step openEntry(Directory parent, ContainerPath path, String purpose) {
    return b.openat2(parent.fd, path.name(), b.flags(O_PATH, O_CLOEXEC), 0,
        b.flags(RESOLVE_BENEATH, RESOLVE_NO_SYMLINKS)).describedAs(purpose + ": open " + path
            + " (no symlinks)");
  }

  /**
   * The directory {@code path} is in, with missing ones above it created; the caller closes
   * it with {@link Directory#close()}.
   */
  Directory createParents(ContainerPath path, boolean noSymlinks, String purpose) {
    Directory directory = new Directory(root, false);
    for (int depth = 1; depth < path.components().size(); depth++) {
      ContainerPath ancestor = path.prefix(depth);
      b.mkdirat(directory.fd, ancestor.name(), DIRECTORY_MODE).tolerating(Errno.EEXIST)
          .describedAs(purpose + ": create directory " + ancestor + " unless it exists");
      Step opened = open(ancestor, b.constant(O_DIRECTORY), noSymlinks, purpose);
      directory.close();
      directory = new Directory(opened, true);
    }
    return directory;
  }

  /** An fd of a directory of the rootfs: the root itself, or one this class opened. */
  final class Directory {
    final Operand fd;
    private final boolean opened;

    private Directory(Operand fd, boolean opened) {
      this.fd = fd;
      this.opened = opened;
    }

    /** Closes the fd unless it is the root's, which outlives every path below it. */
    void close() {
      if (opened) {
        b.close(fd);
      }
    }
  }
}
