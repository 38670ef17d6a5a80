package io.capsa.runtime;

import io.capsa.sys.Fd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the master of a process's pseudo-terminal goes when {@code process.terminal} is true:
 * it is sent with SCM_RIGHTS over a unix stream socket, as runc's {@code --console-socket}
 * does. The pty itself is made inside the container's devpts.
 */
public sealed interface ConsoleSocket {

  /**
   * A listening socket on the host, connected to by capsa-init before it joins or creates any
   * namespace, so the path is resolved as the caller sees it (runc's --console-socket).
   */
  record Named(Path path) implements ConsoleSocket {
    /** sizeof(sockaddr_un.sun_path), the terminating NUL included. */
    private static final int SUN_PATH_SIZE = 108;

    /** @throws IllegalArgumentException for a path no unix socket address can hold */
    public Named {
      path = Objects.requireNonNull(path, "path").toAbsolutePath();
      int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
      if (length >= SUN_PATH_SIZE || path.toString().indexOf('\0') >= 0) {
        throw new IllegalArgumentException("the console socket path " + path + " cannot be a"
            + " unix socket address: at most " + (SUN_PATH_SIZE - 1) + " bytes and no NUL");
      }
    }
  }

  /**
   * An already connected socket (one end of a socketpair, say), which the caller keeps owning:
   * the receiving end gets the master without any path.
   */
  record Connected(Fd socket) implements ConsoleSocket {
    public Connected {
      Objects.requireNonNull(socket, "socket");
    }
  }

  static ConsoleSocket at(Path path) {
    return new Named(path);
  }

  static ConsoleSocket of(Fd socket) {
    return new Connected(socket);
  }
}
