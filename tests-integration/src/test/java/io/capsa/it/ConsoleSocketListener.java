package io.capsa.it;

import io.capsa.sys.Fd;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A console socket as containerd or a runc user listens on one: a unix stream socket at a
 * path, which receives the master of a container's terminal. The JDK accepts the connection;
 * the fd sent with it is received with HostSyscalls.recvmsg, on the accepted socket's fd found
 * by its inode: the one socket connected at this path (/proc/net/unix) that this JVM holds.
 */
final class ConsoleSocketListener implements AutoCloseable {
  /** /proc/net/unix's state of a connected socket (SS_CONNECTED). */
  private static final String CONNECTED = "03";

  private final Path path;
  private final ServerSocketChannel server;
  private SocketChannel accepted;

  private ConsoleSocketListener(Path path, ServerSocketChannel server) {
    this.path = path;
    this.server = server;
  }

  static ConsoleSocketListener at(Path path) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    return new ConsoleSocketListener(path, server);
  }

  Path path() {
    return path;
  }

  /** Accepts the runtime's connection and receives the master it sends. */
  Fd receiveMaster() throws IOException {
    accepted = server.accept();
    return PtyMaster.receive(Fd.borrowed(acceptedFd()));
  }

  private int acceptedFd() throws IOException {
    String inode = Files.readAllLines(Path.of("/proc/net/unix")).stream().skip(1)
        .map(line -> List.of(line.trim().split("\\s+")))
        .filter(fields -> fields.size() == 8 && fields.get(7).equals(path.toString())
            && fields.get(5).equals(CONNECTED))
        .map(fields -> fields.get(6)).findFirst()
        .orElseThrow(() -> new IOException("no connected socket at " + path));
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals("socket:[" + inode + "]")) {
            return Integer.parseInt(fd.getFileName().toString());
          }
        } catch (IOException e) {
          // closed while listed (the listing's own fd, say)
        }
      }
    }
    throw new IOException("the socket connected at " + path + " (inode " + inode
        + ") is not one of this JVM's fds");
  }

  @Override
  public void close() throws IOException {
    try (server) {
      if (accepted != null) {
        accepted.close();
      }
    }
    Files.deleteIfExists(path);
  }
}
