package io.capsa.cli;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.POLLIN;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;

import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import io.capsa.sys.SyscallException;
import io.capsa.sys.UnixAddress;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's NOTIFY_SOCKET (systemd's for a unit of Type=notify, conmon's under podman
 * --sdnotify=container), told that the container is ready as runc 1.2 tells it: the
 * container's READY= line and MAINPID=pid as two datagrams, then BARRIER=1 carrying the write
 * end of a pipe, whose closing by the receiver says it has read them (sd_notify_barrier(3)).
 * The wait matters because capsa exits right after, and systemd drops a notification whose
 * sender it can no longer find the cgroup of. A receiver that never closes the pipe gets 30 s
 * and a warning, as from runc. An address starting with '@' is in the abstract namespace, as
 * systemd and Go (so runc) read it.
 */
final class HostNotifySocket implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.capsa.cli");
  private static final String VARIABLE = "NOTIFY_SOCKET";
  private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(30);

  private final HostSyscalls host;
  private final Fd socket;

  private HostNotifySocket(HostSyscalls host, Fd socket) {
    this.host = host;
    this.socket = socket;
  }

  /** The address NOTIFY_SOCKET gives in {@code environment}; empty when it is unset or empty. */
  static Optional<String> requested(Map<String, String> environment) {
    return Optional.ofNullable(environment.get(VARIABLE)).filter(address -> !address.isEmpty());
  }

  /** A datagram socket connected to {@code address}, so that a wrong one fails here, at once. */
  static HostNotifySocket connect(String address) {
    UnixAddress parsed;
    try {
      parsed = UnixAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new CliException(VARIABLE + ": " + e.getMessage());
    }
    HostSyscalls host = HostSyscalls.get();
    Arch arch = Arch.current();
    Fd socket = host.socket((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_DGRAM), 0);
    try {
      host.connect(socket, parsed);
    } catch (SyscallException e) {
      socket.close();
      throw new CliException("connecting to " + VARIABLE + ": " + e.getMessage());
    }
    return new HostNotifySocket(host, socket);
  }

  /** Says {@code readyLine} ("READY=1") with MAINPID={@code mainPid}, and waits for the barrier. */
  void ready(String readyLine, long mainPid) {
    send(readyLine + "\n", List.of());
    send("MAINPID=" + mainPid + "\n", List.of());
    try (Pipe barrier = host.pipe2(0)) {
      send("BARRIER=1", List.of(barrier.writeEnd()));
      barrier.writeEnd().close();
      if (host.poll(barrier.readEnd(), (int) Arch.current().constant(POLLIN), BARRIER_TIMEOUT)
          == 0) {
        LOG.log(Level.WARNING, "timeout after waiting " + BARRIER_TIMEOUT.toSeconds()
            + "s for barrier, ignored");
        return;
      }
      if (host.read(barrier.readEnd(), new byte[1], 0, 1) != 0) {
        throw new IllegalStateException("unexpected read from the " + VARIABLE
            + " barrier's pipe");
      }
    }
  }

  private void send(String message, List<Fd> fds) {
    host.sendmsg(socket, message.getBytes(StandardCharsets.UTF_8), fds);
  }

  @Override
  public void close() {
    socket.close();
  }
}
