package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.O_APPEND;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CREAT;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.Pipe;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host side of a container's stdio: the fds capsa-init gets as 0, 1 and 2, and the Java
 * streams of the pipes' other ends. The child's ends are closed here once capsa-init has them.
 */
final class StdioFds implements AutoCloseable {
  private final Map<Integer, Fd> childFds = new TreeMap<>();
  private final List<Fd> owned = new ArrayList<>();
  private final List<Fd> javaEnds = new ArrayList<>();
  private OutputStream stdin;
  private InputStream stdout;
  private InputStream stderr;

  private StdioFds() {}

  static StdioFds open(HostSyscalls host, Stdio stdio) {
    StdioFds fds = new StdioFds();
    try {
      fds.stdin = fds.input(host, stdio.stdin());
      fds.stdout = fds.output(host, 1, stdio.stdout());
      fds.stderr = fds.output(host, 2, stdio.stderr());
      return fds;
    } catch (RuntimeException e) {
      fds.closeAll(e);
      throw e;
    }
  }

  private OutputStream input(HostSyscalls host, Stdio.Redirect redirect) {
    Arch arch = Arch.current();
    if (redirect instanceof Stdio.Redirect.ToFile file) {
      Fd fd = host.openat2(Fd.cwd(), file.path().toString(),
          OpenHow.of(arch.constant(O_RDONLY) | arch.constant(O_CLOEXEC), 0));
      owned.add(fd);
      childFds.put(0, fd);
    } else if (redirect instanceof Stdio.Redirect.ToPipe) {
      Pipe pipe = host.pipe2(0);
      owned.add(pipe.readEnd());
      childFds.put(0, pipe.readEnd());
      javaEnds.add(pipe.writeEnd());
      return FdStreams.output(host, pipe.writeEnd());
    } else {
      childFds.put(0, Fd.borrowed(0));
    }
    return null;
  }

  private InputStream output(HostSyscalls host, int number, Stdio.Redirect redirect) {
    Arch arch = Arch.current();
    if (redirect instanceof Stdio.Redirect.ToFile file) {
      Fd fd = host.openat2(Fd.cwd(), file.path().toString(), new OpenHow(
          arch.constant(O_WRONLY) | arch.constant(O_CREAT) | arch.constant(O_APPEND)
              | arch.constant(O_CLOEXEC), 0644, 0));
      owned.add(fd);
      childFds.put(number, fd);
    } else if (redirect instanceof Stdio.Redirect.ToPipe) {
      Pipe pipe = host.pipe2(0);
      owned.add(pipe.writeEnd());
      childFds.put(number, pipe.writeEnd());
      javaEnds.add(pipe.readEnd());
      return FdStreams.input(host, pipe.readEnd());
    } else {
      childFds.put(number, Fd.borrowed(number));
    }
    return null;
  }

  /** Child fd number → fd here, for 0, 1 and 2. */
  Map<Integer, Fd> childFds() {
    return childFds;
  }

  OutputStream stdin() {
    return stdin;
  }

  InputStream stdout() {
    return stdout;
  }

  InputStream stderr() {
    return stderr;
  }

  /** Closes the ends capsa-init got: after the launch, or when create fails. */
  @Override
  public void close() {
    owned.forEach(Fd::close);
  }

  /** Closes the ends behind the Java streams, which then fail on use. */
  void closeJavaEnds() {
    javaEnds.forEach(Fd::close);
  }

  /** Closes everything, the Java streams' ends too, when create fails. */
  void closeAll(Throwable failure) {
    for (Fd fd : owned) {
      closeQuietly(fd, failure);
    }
    for (Fd fd : javaEnds) {
      closeQuietly(fd, failure);
    }
  }

  private static void closeQuietly(Fd fd, Throwable failure) {
    try {
      fd.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
