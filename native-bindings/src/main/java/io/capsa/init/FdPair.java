package io.capsa.init;

/**
 * The two fds pipe2 or socketpair create, each loaded into its own slot. For a pipe,
 * {@link #first()} is the read end and {@link #second()} the write end.
 */
public record FdPair(Step first, Step second) {
  public Step readEnd() {
    return first;
  }

  public Step writeEnd() {
    return second;
  }
}
