package io.capsa.sys;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.POLLHUP;
import static io.capsa.sys.ArchConstant.POLLIN;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unix datagram sockets at an address, as systemd's notify socket uses them, and ppoll. */
class HostDatagramsTest {
  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path dir;

  private Fd datagramSocket() {
    return host.socket(value(AF_UNIX), value(SOCK_DGRAM), 0);
  }

  private String receive(Fd socket) {
    byte[] buffer = new byte[256];
    try (ReceivedMessage message = host.recvmsg(socket, buffer, 0)) {
      return new String(buffer, 0, message.length(), UTF_8);
    }
  }

  @Test
  void aSocketBoundToAPathReceivesWhatAConnectedOneSends() {
    UnixAddress address = UnixAddress.path(dir.resolve("notify.sock").toString());
    try (Fd server = datagramSocket(); Fd client = datagramSocket()) {
      host.bind(server, address);
      assertTrue(Files.exists(Path.of(address.name()), LinkOption.NOFOLLOW_LINKS));
      assertEquals(value(FD_CLOEXEC), host.getFdFlags(server) & value(FD_CLOEXEC));

      host.connect(client, address);
      host.sendmsg(client, "READY=1\n".getBytes(UTF_8), List.of());
      host.sendmsg(client, "MAINPID=42\n".getBytes(UTF_8), List.of());

      assertEquals("READY=1\n", receive(server));
      assertEquals("MAINPID=42\n", receive(server));
    }
  }

  @Test
  void anAbstractAddressHasNoFile() {
    UnixAddress address = UnixAddress.abstractName("capsa-test-" + UUID.randomUUID());
    try (Fd server = datagramSocket(); Fd client = datagramSocket()) {
      host.bind(server, address);
      host.connect(client, address);
      host.sendmsg(client, "abstract".getBytes(UTF_8), List.of());

      assertEquals("abstract", receive(server));
    }
  }

  @Test
  void descriptorsTravelWithADatagram() {
    UnixAddress address = UnixAddress.path(dir.resolve("fds.sock").toString());
    try (Fd server = datagramSocket(); Fd client = datagramSocket(); Pipe pipe = host.pipe2(0)) {
      host.bind(server, address);
      host.connect(client, address);
      host.sendmsg(client, "BARRIER=1".getBytes(UTF_8), List.of(pipe.writeEnd()));
      pipe.writeEnd().close();

      try (ReceivedMessage message = host.recvmsg(server, new byte[64], 1)) {
        assertEquals(1, message.fds().size());
        assertEquals(0, host.poll(pipe.readEnd(), value(POLLIN), Duration.ZERO),
            "the received copy keeps the pipe open");
      }
      assertEquals(value(POLLHUP),
          host.poll(pipe.readEnd(), value(POLLIN), Duration.ofSeconds(5)) & value(POLLHUP));
    }
  }

  @Test
  void pollSaysWhenADatagramWaitsAndTimesOutOtherwise() {
    UnixAddress address = UnixAddress.path(dir.resolve("poll.sock").toString());
    try (Fd server = datagramSocket(); Fd client = datagramSocket()) {
      host.bind(server, address);
      long start = System.nanoTime();
      assertEquals(0, host.poll(server, value(POLLIN), Duration.ofMillis(50)));
      assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the timeout");

      host.connect(client, address);
      host.sendmsg(client, new byte[] {1}, List.of());
      assertEquals(value(POLLIN), host.poll(server, value(POLLIN), Duration.ofSeconds(5)));
    }
  }

  @Test
  void failuresNameTheCallTheAddressAndTheErrno() {
    UnixAddress taken = UnixAddress.path(dir.resolve("taken.sock").toString());
    UnixAddress nobody = UnixAddress.abstractName("capsa-test-nobody-" + UUID.randomUUID());
    try (Fd first = datagramSocket(); Fd second = datagramSocket(); Fd client = datagramSocket()) {
      host.bind(first, taken);

      SyscallException inUse = assertThrows(SyscallException.class, () -> host.bind(second, taken));
      assertEquals("bind", inUse.syscall());
      assertTrue(inUse.is(Errno.EADDRINUSE), inUse.getMessage());
      assertTrue(inUse.getMessage().contains(taken.name()), inUse.getMessage());

      SyscallException refused =
          assertThrows(SyscallException.class, () -> host.connect(client, nobody));
      assertEquals("connect", refused.syscall());
      assertTrue(refused.is(Errno.ECONNREFUSED), refused.getMessage());
      assertTrue(refused.getMessage().contains("@capsa-test-nobody-"), refused.getMessage());
    }
  }

  @Test
  void aNegativeTimeoutIsRefused() {
    try (Pipe pipe = host.pipe2(0)) {
      assertThrows(IllegalArgumentException.class,
          () -> host.poll(pipe.readEnd(), value(POLLIN), Duration.ofMillis(-1)));
    }
  }
}
