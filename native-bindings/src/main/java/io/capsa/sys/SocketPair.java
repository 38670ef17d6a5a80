package io.capsa.sys;

/** Two connected sockets; closing the pair closes whichever are still open. */
public record SocketPair(Fd first, Fd second) implements AutoCloseable {
  @Override
  public void close() {
    try (second) {
      first.close();
    }
  }
}
