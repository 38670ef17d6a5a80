package io.capsa.runtime.seccomp;

import io.capsa.init.SockFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a classic BPF program with symbolic jump targets, resolved by {@link #assemble}. A
 * conditional jump reaches at most 255 instructions ahead (its offsets are bytes), so callers
 * keep conditional targets near and use {@link #jumpAlways} (a 32-bit offset) to go further;
 * {@link #assemble} fails rather than truncate an offset. Jumps only go forward, as in every
 * classic BPF program.
 */
final class FilterAssembler {
  /** BPF_LD | BPF_W | BPF_ABS: A = 32-bit word of seccomp_data at k. */
  static final int LD_W_ABS = 0x20;
  /** BPF_ALU | BPF_AND | BPF_K: A &= k. */
  static final int ALU_AND_K = 0x54;
  /** BPF_JMP | BPF_JA: jump k ahead. */
  static final int JA = 0x05;
  /** BPF_JMP | BPF_JEQ | BPF_K. */
  static final int JEQ_K = 0x15;
  /** BPF_JMP | BPF_JGT | BPF_K (unsigned). */
  static final int JGT_K = 0x25;
  /** BPF_JMP | BPF_JGE | BPF_K (unsigned). */
  static final int JGE_K = 0x35;
  /** BPF_RET | BPF_K: the filter's verdict is k. */
  static final int RET_K = 0x06;
  /** The longest program the kernel loads (BPF_MAXINSNS). */
  static final int MAX_INSTRUCTIONS = 4096;
  private static final int MAX_CONDITIONAL_OFFSET = 0xff;

  /** A place in the program, bound once to the index of the next instruction written. */
  static final class Target {
    private int index = -1;
  }

  private record Pending(int code, Target whenTrue, Target whenFalse, int k) {}

  private final List<Pending> instructions = new ArrayList<>();

  Target target() {
    return new Target();
  }

  /** Binds {@code target} to the next instruction written. */
  void bind(Target target) {
    if (target.index >= 0) {
      throw new IllegalStateException("target bound twice");
    }
    target.index = instructions.size();
  }

  int size() {
    return instructions.size();
  }

  void loadWord(int offset) {
    instructions.add(new Pending(LD_W_ABS, null, null, offset));
  }

  void and(int mask) {
    instructions.add(new Pending(ALU_AND_K, null, null, mask));
  }

  /**
   * A conditional jump ({@link #JEQ_K}, {@link #JGT_K}, {@link #JGE_K}) comparing A with
   * {@code k}; a null target is the next instruction.
   */
  void jump(int code, int k, Target whenTrue, Target whenFalse) {
    instructions.add(new Pending(code, whenTrue, whenFalse, k));
  }

  void jumpAlways(Target to) {
    instructions.add(new Pending(JA, to, null, 0));
  }

  void ret(int verdict) {
    instructions.add(new Pending(RET_K, null, null, verdict));
  }

  /** The program with every target resolved. */
  List<SockFilter> assemble() {
    List<SockFilter> program = new ArrayList<>(instructions.size());
    for (int pc = 0; pc < instructions.size(); pc++) {
      Pending insn = instructions.get(pc);
      if (insn.code() == JA) {
        program.add(new SockFilter(JA, 0, 0, offset(pc, insn.whenTrue(), Integer.MAX_VALUE)));
      } else {
        program.add(new SockFilter(insn.code(),
            offset(pc, insn.whenTrue(), MAX_CONDITIONAL_OFFSET),
            offset(pc, insn.whenFalse(), MAX_CONDITIONAL_OFFSET), insn.k()));
      }
    }
    return program;
  }

  private static int offset(int pc, Target target, int max) {
    if (target == null) {
      return 0;
    }
    if (target.index < 0) {
      throw new IllegalStateException("jump at " + pc + " to an unbound target");
    }
    int offset = target.index - pc - 1;
    if (offset < 0 || offset > max) {
      throw new IllegalStateException("jump at " + pc + " to " + target.index
          + " is out of reach of its instruction");
    }
    return offset;
  }
}
