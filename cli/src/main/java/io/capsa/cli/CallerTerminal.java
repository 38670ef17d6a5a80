package io.capsa.cli;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Termios;
import io.capsa.sys.TermiosAction;
import io.capsa.sys.WindowSize;
import java.util.List;
import java.util.Optional;

/**
 * The terminal capsa was started on, as runc finds it: the first of stderr, stdout and stdin
 * that is one (any of them may be redirected). A foreground process with a terminal puts it in
 * raw mode, takes its size, and gives its mode back at the end, also when capsa ends through
 * System.exit or a signal the JVM ends on before the relay is closed: a terminal left raw would
 * show no echo and no line editing to the shell the caller returns to.
 */
final class CallerTerminal {
  private static final List<Fd> STDIO = List.of(Fd.borrowed(2), Fd.borrowed(1), Fd.borrowed(0));

  private final HostSyscalls host;
  private final Fd fd;
  private final Thread restoreAtExit = new Thread(this::restore, "capsa-terminal-restore");
  private Termios saved;

  private CallerTerminal(HostSyscalls host, Fd fd) {
    this.host = host;
    this.fd = fd;
  }

  /** The caller's terminal, unless none of capsa's stdio is one. */
  static Optional<CallerTerminal> find(HostSyscalls host) {
    return among(host, STDIO);
  }

  /** The first of {@code candidates} that is a terminal. */
  static Optional<CallerTerminal> among(HostSyscalls host, List<Fd> candidates) {
    return candidates.stream().filter(host::isTerminal).findFirst()
        .map(fd -> new CallerTerminal(host, fd));
  }

  /** Its size, unless it has none (a pty nobody sized has 0 rows and 0 columns). */
  Optional<WindowSize> size() {
    WindowSize size = host.windowSize(fd);
    return size.isEmpty() ? Optional.empty() : Optional.of(size);
  }

  /**
   * Raw mode as runc sets it: cfmakeraw's, but with output processing kept, so the caller's
   * terminal still turns the container's newlines into CR LF (the container's pty no longer
   * does, see {@link TerminalRelay}). The mode it had is restored by {@link #restore}, or when
   * the JVM exits, whichever comes first.
   */
  synchronized void makeRaw() {
    if (saved != null) {
      return;
    }
    Termios mode = host.tcgetattr(fd);
    Termios raw = mode.raw();
    int outputProcessing = (int) Arch.current().constant(ArchConstant.OPOST);
    Runtime.getRuntime().addShutdownHook(restoreAtExit);
    saved = mode;
    host.tcsetattr(fd, TermiosAction.NOW,
        raw.withOutputFlags(raw.outputFlags() | outputProcessing));
  }

  /**
   * Gives the terminal its mode back once what capsa wrote in raw mode has been sent; does
   * nothing when it is not raw.
   */
  void restore() {
    Termios mode;
    synchronized (this) {
      mode = saved;
      saved = null;
    }
    if (mode == null) {
      return;
    }
    try {
      host.tcsetattr(fd, TermiosAction.DRAIN, mode);
    } finally {
      if (Thread.currentThread() != restoreAtExit) {
        removeHook();
      }
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(restoreAtExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs and finds the mode restored already.
    }
  }
}
