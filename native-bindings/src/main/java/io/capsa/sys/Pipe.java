package io.capsa.sys;

/** Both ends of a pipe; closing the pair closes whichever ends are still open. */
public record Pipe(Fd readEnd, Fd writeEnd) implements AutoCloseable {
  @Override
  public void close() {
    try (writeEnd) {
      readEnd.close();
    }
  }
}
