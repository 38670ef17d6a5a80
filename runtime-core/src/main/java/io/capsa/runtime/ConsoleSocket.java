package io.capsa.runtime;

import io.capsa.sys.Fd;
import io.capsa.sys.UnixAddress;
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
    /** @throws IllegalArgumentException for a path no unix socket address can hold */
    public Named {
      path = Objects.requireNonNull(path, "path").toAbsolutePath();
      try {
        UnixAddress.path(path.toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the console socket path " + e.getMessage(), e);
      }
    }

    /** The socket's address, which the constructor checked. */
    public UnixAddress address() {
      return UnixAddress.path(path.toString());
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
