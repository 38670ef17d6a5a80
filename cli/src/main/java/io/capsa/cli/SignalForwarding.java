package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.Signal;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.sys.SyscallException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

/**
 * A foreground {@code run} passes the signals it receives on to the container's init, as runc
 * does, so that {@code kill <capsa pid>} or Ctrl-C in a terminal reaches the container and the
 * run still ends by reporting its exit status and deleting it. Signals the JVM keeps for itself
 * (SIGQUIT for thread dumps, the ones it crashes on) are left to it. A foreground exec does
 * the same for its process.
 */
final class SignalForwarding {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  /**
   * runc's set (all but SIGCHLD, SIGWINCH and SIGURG) without SIGPIPE, which a JVM writing to
   * a closed stderr raises on itself and which must not kill the container. SIGWINCH resizes a
   * relayed terminal instead ({@link WindowSizeRelay}), which the kernel signals the container's
   * processes for.
   */
  static final List<String> FORWARDED = List.of("HUP", "INT", "QUIT", "USR1", "USR2",
      "ALRM", "TERM", "CONT", "TSTP", "TTIN", "TTOU", "XCPU", "XFSZ", "VTALRM", "PROF", "IO",
      "PWR", "SYS");

  private SignalForwarding() {}

  static void to(Container container) {
    install(container::kill);
  }

  /** A foreground exec passes them on to the exec'd process, as runc's exec does. */
  static void to(ExecProcess process) {
    install(process::kill);
  }

  @SuppressWarnings("removal")
  private static void install(Consumer<Signal> target) {
    for (String name : FORWARDED) {
      sun.misc.Signal signal = new sun.misc.Signal(name);
      try {
        sun.misc.Signal.handle(signal, received -> forward(target, received.getNumber()));
      } catch (IllegalArgumentException reservedByTheJvm) {
        LOG.log(Level.DEBUG, "not forwarding SIG{0}: {1}", name, reservedByTheJvm.getMessage());
      }
    }
  }

  private static void forward(Consumer<Signal> target, int number) {
    try {
      target.accept(new Signal(number));
    } catch (ContainerStateException | SyscallException e) {
      // The container is gone already; its exit ends the run.
      LOG.log(Level.DEBUG, "forwarding signal {0}: {1}", number, e.getMessage());
    }
  }
}
