package io.capsa.cli;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.UnixAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the caller's NOTIFY_SOCKET receives, read by a socket standing in for systemd. */
class HostNotifySocketTest {
  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path dir;

  private Fd boundAt(UnixAddress address) {
    Arch arch = Arch.current();
    Fd socket = host.socket((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_DGRAM), 0);
    host.bind(socket, address);
    return socket;
  }

  /** Reads three datagrams, closing the fds they carry as systemd closes the barrier's. */
  private CompletableFuture<List<String>> systemdReading(Fd socket) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> received = new ArrayList<>();
      byte[] buffer = new byte[256];
      for (int i = 0; i < 3; i++) {
        try (ReceivedMessage message = host.recvmsg(socket, buffer, 1)) {
          received.add(new String(buffer, 0, message.length(), UTF_8) + " fds="
              + message.fds().size());
        }
      }
      return received;
    });
  }

  @Test
  void onlyAnEmptyOrMissingVariableAsksForNothing() {
    assertEquals(Optional.empty(), HostNotifySocket.requested(Map.of()));
    assertEquals(Optional.empty(), HostNotifySocket.requested(Map.of("NOTIFY_SOCKET", "")));
    assertEquals(Optional.of("@x"), HostNotifySocket.requested(Map.of("NOTIFY_SOCKET", "@x")));
  }

  @Test
  void readyThenMainPidThenABarrierTheReaderReleases() throws Exception {
    UnixAddress address = UnixAddress.path(dir.resolve("notify").toString());
    try (Fd systemd = boundAt(address);
        HostNotifySocket caller = HostNotifySocket.connect(address.toString())) {
      CompletableFuture<List<String>> received = systemdReading(systemd);

      caller.ready("READY=1", 4242);

      assertEquals(List.of("READY=1\n fds=0", "MAINPID=4242\n fds=0", "BARRIER=1 fds=1"),
          received.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void anAbstractAddressIsWrittenWithAnAtSign() throws Exception {
    UnixAddress address = UnixAddress.abstractName("capsa-test-" + UUID.randomUUID());
    try (Fd systemd = boundAt(address);
        HostNotifySocket caller = HostNotifySocket.connect("@" + address.name())) {
      CompletableFuture<List<String>> received = systemdReading(systemd);

      caller.ready("READY=1", 1);

      assertEquals("READY=1\n fds=0", received.get(30, TimeUnit.SECONDS).get(0));
    }
  }

  @Test
  void anAddressNobodyListensOnFailsNamingTheCallAndErrno() {
    Path nobody = dir.resolve("nobody");

    CliException failure = assertThrows(CliException.class,
        () -> HostNotifySocket.connect(nobody.toString()));

    assertEquals("connecting to NOTIFY_SOCKET: connect " + nobody
        + ": ENOENT (No such file or directory)", failure.getMessage());
    assertTrue(assertThrows(CliException.class, () -> HostNotifySocket.connect("@"))
        .getMessage().startsWith("NOTIFY_SOCKET: @ cannot be a unix socket address"));
  }
}
