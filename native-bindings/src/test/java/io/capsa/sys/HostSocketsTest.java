package io.capsa.sys;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.SOCK_SEQPACKET;
import static io.capsa.sys.ArchConstant.SOCK_STREAM;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostSocketsTest {
  private final HostSyscalls host = HostSyscalls.get();

  @Test
  void socketPairCarriesBytesBothWays() {
    try (SocketPair pair = host.socketpair(value(AF_UNIX), value(SOCK_STREAM), 0)) {
      host.writeFully(pair.first(), "ping".getBytes(UTF_8));
      byte[] buffer = new byte[4];
      assertEquals(4, host.readFully(pair.second(), buffer));
      assertEquals("ping", new String(buffer, UTF_8));

      host.writeFully(pair.second(), "pong".getBytes(UTF_8));
      assertEquals(4, host.readFully(pair.first(), buffer));
      assertEquals("pong", new String(buffer, UTF_8));
    }
  }

  @Test
  void scmRightsPassesADescriptorThatWorksOnTheOtherSide() {
    try (SocketPair pair = host.socketpair(value(AF_UNIX), value(SOCK_SEQPACKET), 0);
        Pipe pipe = host.pipe2(0)) {
      assertEquals(1, host.sendmsg(pair.first(), new byte[] {42}, List.of(pipe.writeEnd())));
      pipe.writeEnd().close();

      byte[] data = new byte[8];
      try (ReceivedMessage message = host.recvmsg(pair.second(), data, 2)) {
        assertEquals(1, message.length());
        assertEquals(42, data[0]);
        assertFalse(message.truncated());
        assertEquals(1, message.fds().size());
        Fd received = message.fds().get(0);
        assertEquals(value(FD_CLOEXEC), host.getFdFlags(received) & value(FD_CLOEXEC));

        host.writeFully(received, "via the passed fd".getBytes(UTF_8));
        received.close();
        byte[] buffer = new byte[64];
        int length = host.readFully(pipe.readEnd(), buffer);
        assertEquals("via the passed fd", new String(buffer, 0, length, UTF_8));
      }
    }
  }

  @Test
  void descriptorsBeyondTheAgreedNumberAreReportedAsTruncated() {
    try (SocketPair pair = host.socketpair(value(AF_UNIX), value(SOCK_SEQPACKET), 0);
        Pipe first = host.pipe2(0);
        Pipe second = host.pipe2(0)) {
      host.sendmsg(
          pair.first(),
          new byte[] {1},
          List.of(first.readEnd(), second.readEnd(), first.writeEnd()));
      try (ReceivedMessage message = host.recvmsg(pair.second(), new byte[1], 1)) {
        assertTrue(message.truncated());
        assertEquals(1, message.fds().size());
      }
    }
  }

  @Test
  void plainMessagesNeedNoControlData() {
    try (SocketPair pair = host.socketpair(value(AF_UNIX), value(SOCK_SEQPACKET), 0)) {
      host.sendmsg(pair.first(), "no fds".getBytes(UTF_8), List.of());
      byte[] data = new byte[16];
      try (ReceivedMessage message = host.recvmsg(pair.second(), data, 0)) {
        assertEquals("no fds", new String(data, 0, message.length(), UTF_8));
        assertTrue(message.fds().isEmpty());
      }
    }
  }
}
