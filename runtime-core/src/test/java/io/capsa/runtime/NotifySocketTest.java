package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import io.capsa.sys.UnixAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's end of a notify socket, fed by a plain datagram socket as sd_notify would. */
class NotifySocketTest {
  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path dir;

  private void send(Path socket, String... messages) {
    Arch arch = Arch.current();
    try (Fd client = host.socket((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_DGRAM),
        0)) {
      host.connect(client, UnixAddress.path(socket.toString()));
      for (String message : messages) {
        host.sendmsg(client, message.getBytes(UTF_8), List.of());
      }
    }
  }

  @Test
  void theReadyLineIsFoundWhereverItIsInAMessage() {
    assertEquals(Optional.of("READY=1"), NotifySocket.readyLine("READY=1"));
    assertEquals(Optional.of("READY=1"), NotifySocket.readyLine("READY=1\nSTATUS=up\n"));
    assertEquals(Optional.of("READY=1"), NotifySocket.readyLine("STATUS=up\nREADY=1"));
    assertEquals(Optional.empty(), NotifySocket.readyLine("STATUS=starting\nMAINPID=3"));
    assertEquals(Optional.empty(), NotifySocket.readyLine("NOTREADY=1"));
  }

  @Test
  void otherMessagesAreDroppedUntilReadyComes() throws Exception {
    Path path = dir.resolve("notify.sock");
    try (NotifySocket socket = NotifySocket.bind(host, path)) {
      assertEquals("rwxrwxrwx",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));

      send(path, "STATUS=starting", "RELOADING=1", "READY=1\nSTATUS=serving", "READY=2");

      assertEquals(Optional.of("READY=1"), socket.awaitReady(Duration.ofSeconds(5)));
      assertEquals(Optional.of("READY=2"), socket.awaitReady(Duration.ofSeconds(5)));
    }
  }

  @Test
  void withoutReadyTheWaitEndsWithTheTimeout() {
    try (NotifySocket socket = NotifySocket.bind(host, dir.resolve("notify.sock"))) {
      send(socket.path(), "STATUS=still starting");
      long start = System.nanoTime();

      assertEquals(Optional.empty(), socket.awaitReady(Duration.ofMillis(100)));
      assertTrue(System.nanoTime() - start >= 90_000_000L);
    }
  }

  @Test
  void aSocketIsBoundOnce() {
    Path path = dir.resolve("notify.sock");
    try (NotifySocket first = NotifySocket.bind(host, path)) {
      SyscallException failure =
          assertThrows(SyscallException.class, () -> NotifySocket.bind(host, path));
      assertTrue(failure.is(Errno.EADDRINUSE), failure.getMessage());
    }
  }
}
