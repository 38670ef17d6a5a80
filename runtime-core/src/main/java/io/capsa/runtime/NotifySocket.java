package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.POLLIN;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;

import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.UnixAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's end of a container's notify socket ({@link CreateOptions.Builder#notifySocket}):
 * a unix datagram socket bound in the container's state directory, to which the process sends
 * its sd_notify(3) messages through NOTIFY_SOCKET. {@link Container#bindNotifySocket()} makes
 * it; whoever holds it learns when the process says it is ready, e.g. to tell systemd, as
 * {@code capsa run} and {@code start} do, or to wait for a service in a test.
 *
 * <p>A library user gets this rather than a proxy to the caller's own NOTIFY_SOCKET because what
 * to do with readiness (which pid systemd should watch, how long to wait) is the caller's
 * decision; runc, too, keeps that part in its command line.
 */
public final class NotifySocket implements AutoCloseable {
  /** runc's read buffer: sd_notify messages are a few short lines. */
  private static final int DATAGRAM_SIZE = 4096;
  private static final String READY = "READY=";

  private final HostSyscalls host;
  private final Fd socket;
  private final Path path;

  private NotifySocket(HostSyscalls host, Fd socket, Path path) {
    this.host = host;
    this.socket = socket;
    this.path = path;
  }

  /**
   * Binds a datagram socket at {@code path} and lets anyone send to it (runc's 0777): the
   * container's process may run as any user.
   */
  static NotifySocket bind(HostSyscalls host, Path path) {
    Arch arch = Arch.current();
    Fd socket = host.socket((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_DGRAM), 0);
    try {
      host.bind(socket, UnixAddress.path(path.toString()));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
      return new NotifySocket(host, socket, path);
    } catch (IOException e) {
      socket.close();
      throw new UncheckedIOException("making the notify socket " + path + " writable", e);
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Where the socket is on the host. */
  public Path path() {
    return path;
  }

  /**
   * Waits up to {@code timeout} for a message that says READY, reading and dropping every other
   * one, and returns its READY= line ("READY=1"). As in runc, only that line counts: STATUS=,
   * MAINPID= and the rest of what the process sends are not returned. Empty when the time ran
   * out.
   */
  public Optional<String> awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int pollIn = (int) Arch.current().constant(POLLIN);
    byte[] buffer = new byte[DATAGRAM_SIZE];
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (host.poll(socket, pollIn, left) == 0) {
        return Optional.empty();
      }
      try (ReceivedMessage message = host.recvmsg(socket, buffer, 0)) {
        Optional<String> ready =
            readyLine(new String(buffer, 0, message.length(), StandardCharsets.UTF_8));
        if (ready.isPresent()) {
          return ready;
        }
      }
    }
  }

  /**
   * The first line of a message that starts with READY=. runc looks for it only at the start of
   * the message (it tests the whole message's prefix for every line); any line counts here, so
   * that "STATUS=up\nREADY=1" is not lost.
   */
  static Optional<String> readyLine(String message) {
    return message.lines().filter(line -> line.startsWith(READY)).findFirst();
  }

  /** Closes the socket; its file stays until the container is deleted. */
  @Override
  public void close() {
    socket.close();
  }
}
