package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.Signal;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.sys.SyscallException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What SIGINT, SIGTERM and SIGHUP do to {@code capsa sandbox}: they never end the JVM, which
 * would leave the container and its bundle behind; they reach the command instead, as every
 * signal does through {@link SignalForwarding}, and the sandbox ends the usual way (deleted,
 * then its bundle removed). The command runs as PID 1 of its own PID namespace, where the
 * kernel drops every signal it has no handler for, so a sandbox still running {@link #GRACE}
 * after such a signal, or on a second one, is killed with SIGKILL. One that arrives while the
 * container is being made is held: the container is then deleted without being started. Once
 * the sandbox is being removed ({@link #detach}) they change nothing: the container is going
 * away, and a kill would only wait for its deletion to fail.
 */
@SuppressWarnings("removal")
final class SandboxSignals {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  private static final List<String> TERMINATING = List.of("INT", "TERM", "HUP");
  /** How long the command has to end after SIGINT, SIGTERM or SIGHUP before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private final AtomicInteger received = new AtomicInteger();
  private volatile Container container;
  private volatile boolean detached;
  private volatile sun.misc.Signal held;

  private SandboxSignals() {}

  /** From now on SIGINT, SIGTERM and SIGHUP are held until {@link #attach}. */
  static SandboxSignals install() {
    SandboxSignals signals = new SandboxSignals();
    for (String name : TERMINATING) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), received -> signals.held = received);
    }
    return signals;
  }

  /**
   * Forwards signals to {@code created} from now on.
   *
   * @return the number of a signal held since {@link #install}, if one came: the container is
   *     not to be started then
   */
  OptionalInt attach(Container created) {
    container = created;
    SignalForwarding.to(created);
    for (String name : TERMINATING) {
      Terminating handler = new Terminating();
      handler.forward = sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
    }
    sun.misc.Signal signal = held;
    return signal == null ? OptionalInt.empty() : OptionalInt.of(signal.getNumber());
  }

  /** From now on SIGINT, SIGTERM and SIGHUP no longer reach the container: it is going away. */
  void detach() {
    detached = true;
  }

  /** Passes the signal on with {@link SignalForwarding}'s handler, then escalates. */
  private final class Terminating implements sun.misc.SignalHandler {
    private volatile sun.misc.SignalHandler forward;

    @Override
    public void handle(sun.misc.Signal signal) {
      sun.misc.SignalHandler next = forward;
      if (detached) {
        return;
      }
      if (next != null) {
        next.handle(signal);
      }
      escalate();
    }
  }

  /** Kills the container after the grace period, or at once on a second signal. */
  private void escalate() {
    if (received.incrementAndGet() > 1) {
      kill();
      return;
    }
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(GRACE.toMillis());
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "capsa-sandbox-grace");
    timer.setDaemon(true);
    timer.start();
  }

  private void kill() {
    if (detached) {
      return;
    }
    try {
      container.kill(Signal.KILL);
    } catch (ContainerStateException | SyscallException e) {
      LOG.log(Level.DEBUG, "killing the sandbox: {0}", e.getMessage());
    }
  }
}
