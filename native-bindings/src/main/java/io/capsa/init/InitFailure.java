package io.capsa.init;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The record capsa-init writes to its error channel (fd 4 unless argv names another) before exiting with
 * {@link #EXIT_STATUS}: which op failed, its errno (in the numbering of the program's
 * architecture) and a detail. An op index of -1 means capsa-init refused the program before
 * running any op; the detail then says why ({@link Refusal}). For a fork-exec-wait op ending in
 * ECHILD (non-zero exit) or ETIMEDOUT (killed after its timeout) the detail is the wait status.
 */
public record InitFailure(int opIndex, int errno, int detail) {
  /** capsa-init's exit status after writing a record. */
  public static final int EXIT_STATUS = 125;
  /** Three native-endian int32s. */
  public static final int RECORD_SIZE = 12;

  /** Why capsa-init refused a program: the detail of a record with op index -1. */
  public enum Refusal {
    BAD_MAGIC(1, "not a Capsa init program (bad magic)"),
    BAD_VERSION(2, "program format version not supported by this capsa-init"),
    WRONG_ARCH(3, "program built for another architecture"),
    SIZE_MISMATCH(4, "program truncated, or longer than its header says"),
    TOO_LARGE(5, "program larger than capsa-init accepts"),
    BAD_OP(6, "malformed op (unknown code or argument kind, bad slot, blob offset or jump)"),
    BAD_RELOCATION(7, "malformed relocation"),
    UNREADABLE(8, "program could not be read from its fd"),
    BAD_ARGV(9, "malformed argv: not 1, 2 or 4 entries, or an fd that is not a number");

    private final int code;
    private final String text;

    Refusal(int code, String text) {
      this.code = code;
      this.text = text;
    }

    public int code() {
      return code;
    }

    public String text() {
      return text;
    }

    public static Optional<Refusal> of(int code) {
      for (Refusal refusal : values()) {
        if (refusal.code == code) {
          return Optional.of(refusal);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Decodes what was read from the error channel until EOF: empty for no bytes (success), else
   * the first record. A program that forks without a reaper leaves the channel open in both
   * processes, so both may fail and write one; a partial record is an error.
   */
  public static Optional<InitFailure> fromChannel(byte[] channel) {
    if (channel.length == 0) {
      return Optional.empty();
    }
    if (channel.length % RECORD_SIZE != 0) {
      throw new IllegalArgumentException("capsa-init's error channel held " + channel.length
          + " bytes, not whole records of " + RECORD_SIZE);
    }
    ByteBuffer record = ByteBuffer.wrap(channel).order(ByteOrder.nativeOrder());
    return Optional.of(new InitFailure(record.getInt(), record.getInt(), record.getInt()));
  }

  public boolean refused() {
    return opIndex == -1;
  }

  /**
   * The failure in words, e.g. {@code mount proc on /proc (op 4, mount): EPERM (Operation not
   * permitted)} or {@code run /hook (op 7, fork-exec-wait): exited with status 3}.
   */
  public String describe(InitProgram program) {
    Arch arch = program.arch();
    String error = Errno.describe(errno, arch);
    if (refused()) {
      String reason = Refusal.of(detail).map(Refusal::text).orElse("refusal " + detail);
      return "capsa-init refused the program: " + reason + ": " + error;
    }
    if (opIndex < 0 || opIndex >= program.ops().size()) {
      return "capsa-init reported op " + opIndex + ", which the program does not have: " + error;
    }
    Op op = program.op(opIndex);
    String where = op.description() + " (op " + opIndex + ", " + op.syscallName() + "): ";
    if (op.code() == OpCode.FORK_EXEC_WAIT && detail != 0) {
      if (errno == Errno.ETIMEDOUT.number(arch)) {
        return where + "timed out and was killed";
      }
      if (errno == Errno.ECHILD.number(arch)) {
        return where + waitStatusText(detail, arch);
      }
    }
    return where + error;
  }

  private static String waitStatusText(int status, Arch arch) {
    int signal = status & 0x7f;
    return signal == 0
        ? "exited with status " + ((status >> 8) & 0xff)
        : "killed by " + Formats.SIGNAL.format(signal, arch);
  }
}
