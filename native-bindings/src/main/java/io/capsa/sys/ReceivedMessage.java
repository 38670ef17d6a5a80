package io.capsa.sys;

import java.util.List;

/**
 * What recvmsg delivered: {@code length} bytes of data and the file descriptors that came
 * with them (SCM_RIGHTS, each owned by the receiver and close-on-exec). {@code truncated} is set
 * when the data or the descriptors did not fit (MSG_TRUNC, MSG_CTRUNC); the kernel closes the
 * descriptors that did not fit, so a peer that sends more than agreed cannot leak them here.
 */
public record ReceivedMessage(int length, List<Fd> fds, boolean truncated)
    implements AutoCloseable {
  public ReceivedMessage {
    fds = List.copyOf(fds);
  }

  /** Closes every received descriptor that is still open. */
  @Override
  public void close() {
    fds.forEach(Fd::close);
  }
}
