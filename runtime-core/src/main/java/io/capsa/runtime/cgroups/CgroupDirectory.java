package io.capsa.runtime.cgroups;

import static io.capsa.sys.ArchConstant.AT_REMOVEDIR;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_PATH;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.O_TRUNC;
import static io.capsa.sys.ArchConstant.O_WRONLY;
import static io.capsa.sys.ArchConstant.RESOLVE_BENEATH;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_MAGICLINKS;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_SYMLINKS;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_XDEV;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.SyscallException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cgroup's directory, held open as an O_PATH fd: its interface files are opened beneath that
 * fd (no symlinks, no other filesystem), read to the end, and written with one write(2) each,
 * which is how cgroupfs takes a value. The path is kept for messages and for listing entries.
 */
final class CgroupDirectory implements AutoCloseable {
  private static final int READ_CHUNK = 4096;

  private final HostSyscalls host;
  private final Fd fd;
  private final Path path;

  private CgroupDirectory(HostSyscalls host, Fd fd, Path path) {
    this.host = host;
    this.fd = fd;
    this.path = path;
  }

  /** The hierarchy's root, at its mount point. */
  static CgroupDirectory openRoot(HostSyscalls host, Path mountPoint) {
    Fd fd = host.openat2(Fd.cwd(), mountPoint.toString(),
        OpenHow.of(flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0));
    return new CgroupDirectory(host, fd, mountPoint);
  }

  /** A cgroup below this one, by a relative path without "..". */
  CgroupDirectory open(String relative) {
    Fd child = host.openat2(fd, relative,
        OpenHow.of(flags(O_PATH, O_DIRECTORY, O_CLOEXEC), beneath()));
    return new CgroupDirectory(host, child, path.resolve(relative));
  }

  /** {@link #open}, or empty when there is no such cgroup. */
  Optional<CgroupDirectory> openIfExists(String relative) {
    return unlessMissing(() -> open(relative));
  }

  Path path() {
    return path;
  }

  /**
   * An O_PATH fd of this directory or of a directory below it ({@code relative} "." for this
   * one), owned by the caller: for clone3's CLONE_INTO_CGROUP. Resolved beneath this directory.
   */
  Fd openPath(String relative) {
    return host.openat2(fd, relative,
        OpenHow.of(flags(O_PATH, O_DIRECTORY, O_CLOEXEC), beneath()));
  }

  /** A readable fd of this directory, owned by the caller: the target bpf(2) attaches to. */
  Fd openReadable() {
    return host.openat2(fd, ".", OpenHow.of(flags(O_RDONLY, O_DIRECTORY, O_CLOEXEC), beneath()));
  }

  String read(String file) {
    try (Fd opened = openFile(file, flags(O_RDONLY, O_CLOEXEC))) {
      ByteArrayOutputStream contents = new ByteArrayOutputStream();
      byte[] chunk = new byte[READ_CHUNK];
      for (int n; (n = host.read(opened, chunk, 0, chunk.length)) > 0; ) {
        contents.write(chunk, 0, n);
      }
      return contents.toString(StandardCharsets.UTF_8);
    }
  }

  /** The file's contents, or empty when it does not exist (its controller is not enabled). */
  Optional<String> readIfPresent(String file) {
    return unlessMissing(() -> read(file));
  }

  /** What {@code action} returns, or empty when it fails with ENOENT. */
  private static <T> Optional<T> unlessMissing(Supplier<T> action) {
    try {
      return Optional.of(action.get());
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Writes {@code value} with a single write(2). The kernel parses each write on its own, so
   * a value split over two writes would be two values. Throws the SyscallException of the
   * open or the write; callers say what the write was for.
   */
  void write(String file, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try (Fd target = openFile(file, flags(O_WRONLY, O_TRUNC, O_CLOEXEC))) {
      int written = host.write(target, bytes, 0, bytes.length);
      if (written != bytes.length) {
        throw new CgroupException("writing \"" + value + "\" to " + path.resolve(file)
            + ": the kernel took " + written + " of " + bytes.length + " bytes");
      }
    }
  }

  void mkdir(String name) {
    host.mkdirat(fd, name, 0755);
  }

  void rmdir(String name) {
    host.unlinkat(fd, name, (int) Arch.current().constant(AT_REMOVEDIR));
  }

  /** The names of the cgroups directly below this one. */
  List<String> children() {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Files::isDirectory)
          .map(entry -> entry.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the cgroups in " + path, e);
    }
  }

  /** The names of the entries of this directory that are files. */
  List<String> files() {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Files::isRegularFile)
          .map(entry -> entry.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + path, e);
    }
  }

  private Fd openFile(String file, long flags) {
    if (file.contains("/")) {
      throw new IllegalArgumentException("not a file name: " + file);
    }
    return host.openat2(fd, file, OpenHow.of(flags, beneath()));
  }

  @Override
  public void close() {
    fd.close();
  }

  private static long beneath() {
    return flags(RESOLVE_BENEATH, RESOLVE_NO_SYMLINKS, RESOLVE_NO_MAGICLINKS, RESOLVE_NO_XDEV);
  }

  private static long flags(ArchConstant... constants) {
    long flags = 0;
    for (ArchConstant constant : constants) {
      flags |= Arch.current().constant(constant);
    }
    return flags;
  }
}
