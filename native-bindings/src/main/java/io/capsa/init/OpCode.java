package io.capsa.init;

/** What capsa-init does with an op; {@link #wireCode()} is its number in the encoding. */
public enum OpCode {
  /** A system call with up to six arguments; its result goes into the op's slot. */
  SYSCALL(1, "syscall", true),
  /** Continues at a later op, always or when a comparison of two arguments holds. */
  JUMP(2, "jump", false),
  /** Reads 1, 4 or 8 bytes of the blob into the op's slot (1 zero-, 4 sign-extended). */
  LOAD(3, "load", false),
  /** Writes the low 1, 4 or 8 bytes of a value (a slot, typically) into the blob. */
  STORE(4, "store", false),
  /** Ends the process with a status (exit_group). */
  EXIT(5, "exit", false),
  /** Reports the op as failed with a given errno, as if a syscall had failed. */
  FAIL(6, "fail", false),
  /** Forks; the child runs on, the parent becomes a PID-1 style reaper (see capsa-init.c). */
  REAPER(7, "reaper", true),
  /** Forks, execs a program with bytes on its stdin and waits for it (hooks). */
  FORK_EXEC_WAIT(8, "fork-exec-wait", true);

  private final int wireCode;
  private final String label;
  private final boolean canFail;

  OpCode(int wireCode, String label, boolean canFail) {
    this.wireCode = wireCode;
    this.label = label;
    this.canFail = canFail;
  }

  public int wireCode() {
    return wireCode;
  }

  /** The name a rendered program shows for ops that are not plain syscalls. */
  public String label() {
    return label;
  }

  /** Whether the op can fail with an errno, so that its error policy matters. */
  public boolean canFail() {
    return canFail;
  }
}
