package io.capsa.sys;

/**
 * When a new terminal mode takes effect, tcsetattr(3)'s optional actions: at once (TCSETS), or
 * once everything already written to the terminal has been sent (TCSETSW), so that output
 * written in the old mode is not shown in the new one.
 */
public enum TermiosAction {
  NOW(ArchConstant.TCSETS),
  DRAIN(ArchConstant.TCSETSW);

  private final ArchConstant request;

  TermiosAction(ArchConstant request) {
    this.request = request;
  }

  /** The ioctl request that sets the mode this way. */
  public ArchConstant request() {
    return request;
  }
}
