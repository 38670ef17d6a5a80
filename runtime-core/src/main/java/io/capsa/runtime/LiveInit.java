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
 *
 * <p>The waiter starts when the exit is first asked for, or at {@link #close()}, not when the
 * process starts: a JVM that creates a container and exits (capsa create, run --detach) must
 * leave no thread blocked in waitid, since HotSpot's exit gives a thread in a native call up
 * to 300 ms to return. Until then an exited process stays a zombie, which every status check
 * already counts as stopped.
 */
final class LiveInit implements AutoCloseable {
  private final HostSyscalls host;
  private final Fd pidfd;
  private final InitProcess launched;
  private final StdioFds stdio;
  private final String name;
  private CompletableFuture<ExitStatus> exit;

  LiveInit(HostSyscalls host, Fd pidfd, InitProcess launched, StdioFds stdio, String name) {
    this.host = host;
    this.pidfd = pidfd;
    this.launched = launched;
    this.stdio = stdio;
    this.name = name;
  }

  private void awaitExit(CompletableFuture<ExitStatus> exit) {
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

  /** Completes when the process exits, which the waiter this starts (once) reaps. */
  synchronized CompletableFuture<ExitStatus> exit() {
    if (exit == null) {
      CompletableFuture<ExitStatus> started = new CompletableFuture<>();
      Thread waiter = new Thread(() -> awaitExit(started), "capsa-exit-" + name);
      waiter.setDaemon(true);
      waiter.start();
      exit = started;
    }
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

  /**
   * Closes what create opened, but the pidfd: the process is still reaped by this JVM, by the
   * waiter this starts when nothing has asked for the exit yet, which closes the pidfd then.
   */
  @Override
  public void close() {
    try (launched) {
      stdio.closeJavaEnds();
    } finally {
      exit();
    }
  }
}
