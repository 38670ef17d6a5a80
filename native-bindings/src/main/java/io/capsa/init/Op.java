package io.capsa.init;

import io.capsa.sys.Syscall;
import java.util.List;
import java.util.Objects;

/**
 * One step of an {@link InitProgram}.
 *
 * @param index the op's position, which is also the number of the slot its result goes to
 * @param code what capsa-init does
 * @param syscall the system call of a {@link OpCode#SYSCALL} op, null for the others
 * @param param the op's parameter word: the syscall's number on the program's architecture, a
 *     jump's {@link Condition#wireCode()}, or a load or store's width in bytes; 0 otherwise
 * @param args up to six arguments, shorter lists are padded with immediate zeros when encoded
 * @param policy what a failure does (only meaningful when {@link OpCode#canFail()})
 * @param description what the op is for, in words; errors quote it
 */
public record Op(int index, OpCode code, Syscall syscall, int param, List<Arg> args,
    ErrorPolicy policy, String description) {
  public static final int MAX_ARGS = 6;

  public Op {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(description, "description");
    args = List.copyOf(args);
    if (args.size() > MAX_ARGS) {
      throw new IllegalArgumentException("an op takes at most 6 arguments, got " + args.size());
    }
    if ((code == OpCode.SYSCALL) != (syscall != null)) {
      throw new IllegalArgumentException("a syscall op names its syscall, other ops do not");
    }
  }

  /** The syscall's kernel name ("mount"), or the op's label ("reaper") for the other ops. */
  public String syscallName() {
    return syscall != null ? syscall.kernelName() : code.label();
  }

  /** The condition of a {@link OpCode#JUMP}. */
  public Condition condition() {
    if (code != OpCode.JUMP) {
      throw new IllegalStateException("op " + index + " is a " + code.label() + ", not a jump");
    }
    return Condition.ofWireCode(param);
  }
}
