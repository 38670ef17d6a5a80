package io.capsa.cli;

import io.capsa.oci.ConsoleSize;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.SocketPair;
import io.capsa.sys.SyscallException;
import io.capsa.sys.Termios;
import io.capsa.sys.TermiosAction;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A foreground process's terminal on the caller's, as runc relays it: the master comes back
 * over a socket pair (the runtime sends it as to any console socket), the container's pty stops
 * turning newlines into CR LF and the caller's terminal is put in raw mode with output
 * processing kept (so that output reaching a file is not littered with CRs), bytes are copied
 * both ways, the caller's size is kept on the pty ({@link WindowSizeRelay}), and the caller's
 * mode is restored at the end. As in runc, the caller's size, when its terminal has one,
 * replaces process.consoleSize as soon as the relay starts; consoleSize stays the size when the
 * caller has no terminal or one without a size.
 */
final class TerminalRelay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  /** How long the output may still come once the process has exited. */
  private static final long DRAIN_MILLIS = 2000;
  /**
   * How long a copy waits for bytes before it looks whether the relay is closing: the bound on
   * how long close waits for the copies to stop.
   */
  private static final Duration COPY_POLL = Duration.ofMillis(50);

  private final HostSyscalls host;
  private final SocketPair pair;
  private final Optional<CallerTerminal> caller;
  private Fd master;
  private WindowSizeRelay resizes;
  private Thread input;
  private Thread output;
  private volatile boolean closing;

  private TerminalRelay(HostSyscalls host, SocketPair pair, Optional<CallerTerminal> caller) {
    this.host = host;
    this.pair = pair;
    this.caller = caller;
  }

  static TerminalRelay open() {
    HostSyscalls host = HostSyscalls.get();
    Arch arch = Arch.current();
    return new TerminalRelay(host, host.socketpair((int) arch.constant(ArchConstant.AF_UNIX),
        (int) arch.constant(ArchConstant.SOCK_STREAM), 0), CallerTerminal.find(host));
  }

  /** The end the runtime sends the master over. */
  Fd socket() {
    return pair.second();
  }

  /** The caller's terminal size, when capsa runs on a terminal that has one. */
  Optional<ConsoleSize> callerSize() {
    return caller.flatMap(CallerTerminal::size)
        .map(size -> new ConsoleSize(size.rows(), size.columns(), null));
  }

  /**
   * Receives the master, gives it the caller's size, makes the caller's terminal raw and starts
   * copying.
   */
  void start() {
    ReceivedMessage message = host.recvmsg(pair.first(), new byte[256], 1);
    if (message.fds().size() != 1) {
      message.close();
      throw new IllegalStateException("the runtime sent " + message.fds().size()
          + " fds where the terminal's master was expected");
    }
    master = message.fds().get(0);
    pair.close();
    withoutNewlineTranslation(master);
    if (caller.isPresent()) {
      resizes = WindowSizeRelay.start(caller.get(), master, host);
      caller.get().makeRaw();
    }
    input = new Thread(() -> copy(Fd.borrowed(0), master), "capsa-tty-in");
    input.setDaemon(true);
    input.start();
    output = new Thread(() -> copy(master, Fd.borrowed(1)), "capsa-tty-out");
    output.setDaemon(true);
    output.start();
  }

  /**
   * runc's ClearONLCR: the pty passes the process's newlines on as they are; the caller's
   * terminal, whose output processing raw mode keeps, adds the CRs where it shows them.
   */
  private void withoutNewlineTranslation(Fd pty) {
    Termios mode = host.tcgetattr(pty);
    int onlcr = (int) Arch.current().constant(ArchConstant.ONLCR);
    host.tcsetattr(pty, TermiosAction.NOW, mode.withOutputFlags(mode.outputFlags() & ~onlcr));
  }

  private static void stop(Thread copy) {
    if (copy == null) {
      return;
    }
    try {
      copy.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Once the process has exited: lets the output it left in the pty reach the caller. */
  void drain() throws InterruptedException {
    output.join(TimeUnit.MILLISECONDS.toMillis(DRAIN_MILLIS));
  }

  /**
   * Copies until {@code from} ends (EOF from the caller's stdin; EIO from a master whose last
   * peer was closed) or the relay closes. Each copy waits with poll rather than in read, so that
   * close can stop it before the master is closed: a copy still running then would use a closed
   * descriptor, or another one that got its number since.
   */
  private void copy(Fd from, Fd to) {
    int readable = (int) Arch.current().constant(ArchConstant.POLLIN);
    byte[] buffer = new byte[8192];
    try {
      while (!closing) {
        if (host.poll(from, readable, COPY_POLL) == 0) {
          continue;
        }
        int n = host.read(from, buffer, 0, buffer.length);
        if (n == 0) {
          return;
        }
        host.writeFully(to, Arrays.copyOf(buffer, n));
      }
    } catch (SyscallException e) {
      if (!e.is(Errno.EIO)) {
        LOG.log(Level.DEBUG, "terminal relay: " + e.getMessage());
      }
    }
  }

  /**
   * Stops the resizing and the copies, restores the caller's terminal mode and closes the
   * master.
   */
  @Override
  public void close() {
    closing = true;
    try {
      stop(input);
      stop(output);
      if (resizes != null) {
        resizes.close();
      }
    } finally {
      try {
        caller.ifPresent(CallerTerminal::restore);
      } finally {
        pair.close();
        if (master != null) {
          master.close();
        }
      }
    }
  }
}
