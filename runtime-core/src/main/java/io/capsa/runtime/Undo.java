package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.SIGKILL;

import io.capsa.init.InitProcess;
import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.lang.System.Logger.Level;

/**
 * The cleanup of a failed create or exec: every step is tried, and what fails on the way is
 * attached to the original failure rather than hiding it.
 */
final class Undo {
  private final Throwable failure;
  private final HostSyscalls host;

  Undo(Throwable failure, HostSyscalls host) {
    this.failure = failure;
    this.host = host;
  }

  void attempt(Runnable cleanup) {
    try {
      cleanup.run();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** SIGKILL through {@code pidfd}; a process already gone is no failure. */
  void kill(Fd pidfd) {
    try {
      host.pidfdSendSignal(pidfd, (int) Arch.current().constant(SIGKILL));
    } catch (SyscallException e) {
      RuntimeContext.LOG.log(Level.DEBUG, "signal {0}: {1}", pidfd, e.getMessage());
    }
  }

  /** Kills and reaps the launched capsa-init unless it was reaped already, then closes it. */
  void killLaunched(InitProcess launched, boolean reaped) {
    attempt(() -> {
      if (!reaped) {
        kill(launched.pidfd());
        launched.waitFor();
      }
      launched.close();
    });
  }
}
