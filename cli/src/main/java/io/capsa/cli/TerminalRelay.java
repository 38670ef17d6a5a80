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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A foreground process's terminal on the caller's, as runc relays it: the master comes back
 * over a socket pair (the runtime sends it as to any console socket), the caller's terminal is
 * put in raw mode without echo (the container's pty does both), bytes are copied both ways,
 * and the caller's mode is restored at the end. The caller's size becomes the pty's initial
 * one. stty(1) reads and sets the caller's mode and size, the host syscalls having no termios
 * calls; later size changes (SIGWINCH) are not passed on.
 */
final class TerminalRelay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  /** How long the output may still come once the process has exited. */
  private static final long DRAIN_MILLIS = 2000;

  private final HostSyscalls host;
  private final SocketPair pair;
  private Fd master;
  private String savedMode;
  private Thread output;

  private TerminalRelay(HostSyscalls host, SocketPair pair) {
    this.host = host;
    this.pair = pair;
  }

  static TerminalRelay open() {
    HostSyscalls host = HostSyscalls.get();
    Arch arch = Arch.current();
    return new TerminalRelay(host, host.socketpair((int) arch.constant(ArchConstant.AF_UNIX),
        (int) arch.constant(ArchConstant.SOCK_STREAM), 0));
  }

  /** The end the runtime sends the master over. */
  Fd socket() {
    return pair.second();
  }

  /** The caller's terminal size, when its stdin is a terminal that has one. */
  Optional<ConsoleSize> callerSize() {
    return stty("size").map(size -> size.trim().split("\\s+"))
        .filter(fields -> fields.length == 2 && !fields[0].equals("0") && !fields[1].equals("0"))
        .map(fields -> new ConsoleSize(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
            null));
  }

  /** Receives the master, makes the caller's terminal raw and starts copying. */
  void start() {
    ReceivedMessage message = host.recvmsg(pair.first(), new byte[256], 1);
    if (message.fds().size() != 1) {
      message.close();
      throw new IllegalStateException("the runtime sent " + message.fds().size()
          + " fds where the terminal's master was expected");
    }
    master = message.fds().get(0);
    pair.close();
    savedMode = stty("-g").map(String::trim).orElse(null);
    if (savedMode != null) {
      stty("raw", "-echo");
    }
    Thread input = new Thread(() -> copy(Fd.borrowed(0), master), "capsa-tty-in");
    input.setDaemon(true);
    input.start();
    output = new Thread(() -> copy(master, Fd.borrowed(1)), "capsa-tty-out");
    output.setDaemon(true);
    output.start();
  }

  /** Once the process has exited: lets the output it left in the pty reach the caller. */
  void drain() throws InterruptedException {
    output.join(TimeUnit.MILLISECONDS.toMillis(DRAIN_MILLIS));
  }

  /**
   * Copies until either end is done: EIO from a master whose last peer was closed, EOF from
   * the caller's stdin.
   */
  private void copy(Fd from, Fd to) {
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = host.read(from, buffer, 0, buffer.length)) > 0; ) {
        host.writeFully(to, Arrays.copyOf(buffer, n));
      }
    } catch (SyscallException e) {
      if (!e.is(Errno.EIO)) {
        LOG.log(Level.DEBUG, "terminal relay: " + e.getMessage());
      }
    }
  }

  /** stty on the caller's stdin; empty when it is not a terminal. */
  private static Optional<String> stty(String... arguments) {
    List<String> command = new ArrayList<>(List.of("stty"));
    command.addAll(List.of(arguments));
    try {
      Process stty = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return stty.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("running stty " + String.join(" ", arguments), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Restores the caller's terminal mode and closes the master. */
  @Override
  public void close() {
    try {
      if (savedMode != null) {
        stty(savedMode);
      }
    } finally {
      pair.close();
      if (master != null) {
        master.close();
      }
    }
  }
}
