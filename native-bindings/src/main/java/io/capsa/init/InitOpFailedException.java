package io.capsa.init;

import io.capsa.sys.SyscallException;

/**
 * An op of an {@link InitProgram} failed inside capsa-init. The message names the op by its
 * description, e.g. {@code mount proc on /proc (op 4, mount): EPERM (Operation not permitted)};
 * the errno is numbered, and named, for the program's architecture.
 */
public final class InitOpFailedException extends SyscallException {
  private static final long serialVersionUID = 1L;

  private final int opIndex;
  private final String description;
  private final int detail;

  InitOpFailedException(InitProgram program, InitFailure failure) {
    super(
        failure.describe(program),
        program.op(failure.opIndex()).syscallName(),
        failure.errno(),
        null,
        program.arch());
    this.opIndex = failure.opIndex();
    this.description = program.op(opIndex).description();
    this.detail = failure.detail();
  }

  public int opIndex() {
    return opIndex;
  }

  /** What the op was for, e.g. "mount proc on /proc". */
  public String description() {
    return description;
  }

  /** The record's detail word, e.g. the wait status of a failed fork-exec-wait. */
  public int detail() {
    return detail;
  }
}
