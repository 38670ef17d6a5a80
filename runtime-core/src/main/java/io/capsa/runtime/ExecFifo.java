package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_NONBLOCK;
import static io.capsa.sys.ArchConstant.O_RDONLY;

import io.capsa.runtime.state.ContainerStateException;
import io.capsa.runtime.state.ProcessIdentity;
import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.SyscallException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's side of the exec fifo in a container's state directory. The init blocks in
 * opening it for writing until someone opens it for reading, then writes one byte and goes on
 * to exec. Start opens it without blocking (so that a dead init cannot hang it), which releases
 * the init, and reads until the byte arrives or the init is found gone.
 */
final class ExecFifo {
  static final String NAME = "exec.fifo";
  /** Reads tried back to back before pausing between them: the init is usually that quick. */
  private static final int EAGER_TRIES = 200;
  private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private ExecFifo() {}

  static Path of(Path stateDirectory) {
    return stateDirectory.resolve(NAME);
  }

  /** Releases {@code init} waiting on {@code fifo}; fails when it is not there to release. */
  static void release(HostSyscalls host, Path fifo, ProcessIdentity init) {
    Arch arch = Arch.current();
    long flags = arch.constant(O_RDONLY) | arch.constant(O_NONBLOCK) | arch.constant(O_CLOEXEC);
    byte[] released = new byte[1];
    try (Fd reader = host.openat2(Fd.cwd(), fifo.toString(), OpenHow.of(flags, 0))) {
      for (int tries = 0; ; tries++) {
        if (readOne(host, reader, released)) {
          return;
        }
        if (!init.isAlive()) {
          if (readOne(host, reader, released)) {
            return;
          }
          throw new ContainerStateException("cannot start a container whose init (pid "
              + init.pid() + ") is no longer running");
        }
        if (tries >= EAGER_TRIES) {
          LockSupport.parkNanos(PAUSE_NANOS);
        } else {
          Thread.onSpinWait();
        }
      }
    }
  }

  /** One read: true when the init's byte came; EAGAIN (writer there, nothing yet) or EOF
   * (no writer yet, or it left) are both "not yet". */
  private static boolean readOne(HostSyscalls host, Fd reader, byte[] buffer) {
    try {
      return host.read(reader, buffer, 0, 1) == 1;
    } catch (SyscallException e) {
      if (e.is(Errno.EAGAIN)) {
        return false;
      }
      throw e;
    }
  }
}
