package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.AT_FDCWD;

import io.capsa.sys.Fd;
import io.capsa.sys.SyscallException;

/**
 * Names a path given relative to a directory fd the way a person looks for it: the directory's
 * own path (read back from /proc/self/fd) joined with the relative one. Only computed when a
 * call has failed, for its error message.
 */
final class PathNames {
  private PathNames() {}

  /** {@code path} as the *at calls see it: an absolute path ignores {@code dir}. */
  static String at(Fd dir, String path) {
    return path.startsWith("/") ? path : under(dir, path);
  }

  /** {@code path} resolved beneath {@code dir} even when absolute, as RESOLVE_IN_ROOT does. */
  static String under(Fd dir, String path) {
    int fd = dir.number();
    if (fd == (int) Kernel.constant(AT_FDCWD)) {
      return path;
    }
    String base = directoryOf(fd);
    String relative = path.replaceFirst("^/+", "");
    return relative.isEmpty() ? base : base.replaceFirst("/$", "") + "/" + relative;
  }

  private static String directoryOf(int fd) {
    try {
      return PathCalls.readlinkat(Fd.cwd(), "/proc/self/fd/" + fd);
    } catch (SyscallException e) {
      return "(fd " + fd + ")";
    }
  }
}
