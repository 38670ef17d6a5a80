package io.capsa.sys;

/**
 * How a child changed state, as waitid reports it in {@code siginfo_t}: {@code code} is the
 * CLD_* reason (exited, killed, dumped core, stopped, ...) and {@code status} the exit code or
 * the signal number, depending on the reason.
 */
public record ChildStatus(int code, int status) {
  private static final Arch HOST = Arch.current();

  /** The child called exit; {@link #status} is its exit code. */
  public boolean exited() {
    return code == HOST.constant(ArchConstant.CLD_EXITED);
  }

  /** A signal ended the child (with or without a core dump); {@link #status} is the signal. */
  public boolean killed() {
    return code == HOST.constant(ArchConstant.CLD_KILLED)
        || code == HOST.constant(ArchConstant.CLD_DUMPED);
  }

  /**
   * The status a shell reports ({@code $?}): the exit code, or 128 + the signal that killed
   * the child. This is also what runc and `docker run` return for the container's process.
   */
  public int shellStatus() {
    if (exited()) {
      return status;
    }
    if (killed()) {
      return 128 + status;
    }
    throw new IllegalStateException("child has not terminated: " + this);
  }

  @Override
  public String toString() {
    if (exited()) {
      return "exited with " + status;
    }
    if (killed()) {
      return "killed by signal " + status;
    }
    return "state change code " + code + ", status " + status;
  }
}
