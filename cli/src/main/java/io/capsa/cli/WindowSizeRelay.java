package io.capsa.cli;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.lang.System.Logger.Level;

/**
 * The caller's terminal size on the container's pty, as runc's resize loop keeps it: set when
 * the relay starts, and again at every SIGWINCH, which the kernel sends capsa when the caller's
 * terminal is resized. Setting the pty's size is how the container learns of it: the kernel
 * sends SIGWINCH to the pty's foreground process group when the size changes, so the signal
 * itself is never forwarded (see {@link SignalForwarding}). Caught like the forwarded signals,
 * with sun.misc.Signal: the JVM runs the handler on a thread of its own.
 */
@SuppressWarnings("removal")
final class WindowSizeRelay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  private static final sun.misc.Signal WINCH = new sun.misc.Signal("WINCH");

  private final CallerTerminal caller;
  private final Fd master;
  private final HostSyscalls host;
  private sun.misc.SignalHandler previous;
  private boolean closed;

  private WindowSizeRelay(CallerTerminal caller, Fd master, HostSyscalls host) {
    this.caller = caller;
    this.master = master;
    this.host = host;
  }

  /** Gives {@code master} the caller's size now and whenever it changes, until closed. */
  static WindowSizeRelay start(CallerTerminal caller, Fd master, HostSyscalls host) {
    WindowSizeRelay relay = new WindowSizeRelay(caller, master, host);
    relay.previous = sun.misc.Signal.handle(WINCH, signal -> relay.resize());
    relay.resize();
    return relay;
  }

  /**
   * The caller's size onto the master, unless the caller's terminal has none. Failures are
   * only logged, as runc ignores them: the caller's terminal may be gone (a hangup), and the
   * master is only closed after {@link #close}, which waits for a resize under way.
   */
  private synchronized void resize() {
    if (closed) {
      return;
    }
    try {
      caller.size().ifPresent(size -> host.setWindowSize(master, size));
    } catch (SyscallException e) {
      LOG.log(Level.DEBUG, "resizing the terminal: {0}", e.getMessage());
    }
  }

  /** From now on SIGWINCH is handled as before the relay started. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    sun.misc.Signal.handle(WINCH, previous);
  }
}
