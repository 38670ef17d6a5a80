package io.capsa.cli;

import io.capsa.oci.Status;
import io.capsa.runtime.Container;
import io.capsa.runtime.NotifySocket;
import io.capsa.runtime.state.ContainerStateException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * runc's notify socket proxy, for a capsa called with NOTIFY_SOCKET set: the container's READY
 * reaches the caller's socket with the pid the caller should watch. It lives in the command
 * line, as in runc, because what it decides follows from how capsa was called: run in the
 * foreground names itself as MAINPID (it stays, and exits with the container's status), run
 * --detach and start name the container's init and wait until it is ready or gone. The
 * container's side, its socket in the state directory, mounted and named in its environment,
 * is the library's ({@link NotifySocket}), which any embedder may use to learn when a service
 * is ready.
 *
 * <p>As in runc: create only asks for the container's socket; run binds it before the process
 * starts and start before it releases it; only the READY= line is passed on, once, and the
 * container's other messages (STATUS=, its own MAINPID=) are dropped. Where runc's foreground
 * run waits for READY before anything else, forever if it never comes, this one waits beside
 * the run, until the container exits.
 */
final class NotifyProxy implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  /** How often the wait looks whether the watched process is still there: runc's ticker. */
  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  private final HostNotifySocket caller;
  private NotifySocket container;

  private NotifyProxy(HostNotifySocket caller) {
    this.caller = caller;
  }

  /** Connected to the caller's NOTIFY_SOCKET, or doing nothing when it is not set. */
  static NotifyProxy connect(Map<String, String> environment) {
    return new NotifyProxy(HostNotifySocket.requested(environment)
        .map(HostNotifySocket::connect).orElse(null));
  }

  /** Whether {@code container} is still there to become ready, for a wait on a loaded one. */
  static BooleanSupplier whileRunning(Container container) {
    return () -> {
      try {
        return container.state().status() != Status.STOPPED;
      } catch (ContainerStateException deleted) {
        return false;
      }
    };
  }

  /**
   * Binds the container's notify socket when the caller has one to tell; a container created
   * without NOTIFY_SOCKET has none, and nothing is passed on.
   */
  void bind(Container created) {
    if (caller != null) {
      container = created.bindNotifySocket().orElse(null);
    }
  }

  /**
   * Waits until the container says READY, then tells the caller with {@code mainPid}; or until
   * {@code waiting} turns false, after a last look for a READY already sent.
   */
  void forwardReady(long mainPid, BooleanSupplier waiting) {
    if (container == null) {
      return;
    }
    while (true) {
      boolean lastLook = !waiting.getAsBoolean();
      Optional<String> ready = container.awaitReady(lastLook ? Duration.ZERO : LOOK_AGAIN);
      if (ready.isPresent()) {
        caller.ready(ready.get(), mainPid);
        return;
      }
      if (lastLook) {
        return;
      }
    }
  }

  /** {@link #forwardReady}, a failure only warned of: the container runs whatever the caller. */
  void forwardReadyOrWarn(long mainPid, BooleanSupplier waiting) {
    try {
      forwardReady(mainPid, waiting);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "passing the container's READY to NOTIFY_SOCKET: "
          + e.getMessage());
    }
  }

  /**
   * {@link #forwardReadyOrWarn} in a thread of its own, beside a run in the foreground; no
   * thread when there is nothing to pass on (no NOTIFY_SOCKET, the common case).
   */
  Background inBackground(long mainPid, BooleanSupplier waiting) {
    return new Background(container == null ? null : this, mainPid, waiting);
  }

  /** Closes both sockets; the container's file stays until it is deleted. */
  @Override
  public void close() {
    try (HostNotifySocket callerSocket = caller) {
      if (container != null) {
        container.close();
      }
    }
  }

  /** The wait of a foreground run, stopped and joined when the run is over. */
  static final class Background implements AutoCloseable {
    private final AtomicBoolean over = new AtomicBoolean();
    /** Null when there is no proxy to run. */
    private final Thread thread;

    private Background(NotifyProxy proxy, long mainPid, BooleanSupplier waiting) {
      if (proxy == null) {
        thread = null;
        return;
      }
      thread = new Thread(() -> proxy.forwardReadyOrWarn(mainPid,
          () -> !over.get() && waiting.getAsBoolean()), "capsa-notify");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      over.set(true);
      if (thread == null) {
        return;
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
