package io.capsa.it;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.POLLIN;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;

import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.UnixAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A datagram socket on the host standing in for systemd's NOTIFY_SOCKET, bound through
 * HostSyscalls: it collects what arrives and closes every fd a message carries at once, as
 * systemd closes the pipe of a BARRIER=1 to say it has read what came before.
 */
final class NotifyListener implements AutoCloseable {
  /** A datagram as it arrived: its text and how many fds came with it. */
  record Message(String text, int fds) {}

  private final HostSyscalls host = HostSyscalls.get();
  private final UnixAddress address;
  private final Fd socket;

  private NotifyListener(UnixAddress address) {
    Arch arch = Arch.current();
    this.address = address;
    this.socket = host.socket((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_DGRAM), 0);
    try {
      host.bind(socket, address);
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  static NotifyListener at(UnixAddress address) {
    return new NotifyListener(address);
  }

  /** As NOTIFY_SOCKET gives it ("@name" for an abstract address). */
  String address() {
    return address.toString();
  }

  /**
   * Receives in a thread of its own until BARRIER=1 or until nothing came for {@code quiet}:
   * capsa waits for the barrier's fd to be closed, so the messages must be read while it runs.
   */
  CompletableFuture<List<Message>> receiveUntilBarrier(Duration quiet) {
    return CompletableFuture.supplyAsync(() -> {
      List<Message> messages = new ArrayList<>();
      byte[] buffer = new byte[4096];
      int pollIn = (int) Arch.current().constant(POLLIN);
      while (host.poll(socket, pollIn, quiet) != 0) {
        try (ReceivedMessage message = host.recvmsg(socket, buffer, 4)) {
          String text = new String(buffer, 0, message.length(), StandardCharsets.UTF_8);
          messages.add(new Message(text, message.fds().size()));
          if (text.equals("BARRIER=1")) {
            break;
          }
        }
      }
      return messages;
    });
  }

  @Override
  public void close() {
    socket.close();
  }
}
