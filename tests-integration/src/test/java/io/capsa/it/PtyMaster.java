package io.capsa.it;

import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.SyscallException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The test's side of a container's terminal: the master received, typed into and read. */
final class PtyMaster {
  private PtyMaster() {}

  /** The one fd sent with SCM_RIGHTS over {@code socket}, as runc's console socket sends it. */
  static Fd receive(Fd socket) {
    ReceivedMessage message = HostSyscalls.get().recvmsg(socket, new byte[256], 1);
    if (message.fds().size() != 1) {
      message.close();
      throw new AssertionError("expected one fd over the console socket, got " + message);
    }
    return message.fds().get(0);
  }

  /**
   * Types {@code input} into the terminal and reads what it shows until the last process
   * holding its peer is gone (EIO) or 60 seconds pass.
   */
  static String converse(Fd master, String input) throws Exception {
    HostSyscalls host = HostSyscalls.get();
    CompletableFuture<String> shown = CompletableFuture.supplyAsync(() -> readToEnd(host, master));
    host.writeFully(master, input.getBytes(StandardCharsets.UTF_8));
    return shown.get(60, TimeUnit.SECONDS);
  }

  private static String readToEnd(HostSyscalls host, Fd master) {
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = host.read(master, buffer, 0, buffer.length)) > 0; ) {
        shown.write(buffer, 0, n);
      }
    } catch (SyscallException e) {
      if (!e.is(Errno.EIO)) {
        throw e;
      }
    }
    return shown.toString(StandardCharsets.UTF_8);
  }
}
