package io.capsa.runtime;

import io.capsa.init.InitProcess;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import java.util.concurrent.CompletableFuture;

/**
 * A process this JVM started in a container, the container's init or an exec'd process: its
 * child (clone3 with CLONE_PARENT), known by a pidfd. A daemon thread waits for it with
 * waitid(P_PIDFD) and completes {@link #exit()}; no waitpid(-1) anywhere, so no child of the
 * JDK or of the application is ever taken. Also holds capsa-init's error channel, which tells
 * whether the exec happened, and the Java ends of the stdio pipes.
 */
final class LiveInit implements AutoCloseable {
  private final HostSyscalls host;
  private final Fd pidfd;
  private final InitProcess launched;
  private final StdioFds stdio;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

  LiveInit(HostSyscalls host, Fd pidfd, InitProcess launched, StdioFds stdio, String id) {
    this.host = host;
    this.pidfd = pidfd;
    this.launched = launched;
    this.stdio = stdio;
    Thread waiter = new Thread(this::awaitExit, "capsa-exit-" + id);
    waiter.setDaemon(true);
    waiter.start();
  }

  private void awaitExit() {
    try {
      ExitStatus status = ExitStatus.of(host.awaitExit(pidfd));
      synchronized (this) {
        pidfd.close();
      }
      exit.complete(status);
    } catch (RuntimeException | Error e) {
      exit.completeExceptionally(e);
    }
  }

  CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  /** Signals the init, unless it has been reaped: then its pidfd is closed and nothing is sent. */
  synchronized boolean signal(int signal) {
    if (!pidfd.isOpen()) {
      return false;
    }
    host.pidfdSendSignal(pidfd, signal);
    return true;
  }

  /** Waits until the process has been exec'd; throws the failing op's exception otherwise. */
  void awaitExec() {
    launched.awaitExec();
  }

  StdioFds stdio() {
    return stdio;
  }

  /** Closes what create opened, but the pidfd, which the waiter closes once the init is reaped. */
  @Override
  public void close() {
    try (launched) {
      stdio.closeJavaEnds();
    }
  }
}
