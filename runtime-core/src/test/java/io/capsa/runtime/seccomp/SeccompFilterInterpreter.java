package io.capsa.runtime.seccomp;

import io.capsa.init.SockFilter;
import java.util.List;

/**
 * A classic BPF interpreter for seccomp filters, with the checks of the kernel's
 * seccomp_check_filter and bpf_check_classic that a compiled filter could fail: an empty or
 * too long program, an instruction outside the set the compiler uses, a load outside or
 * misaligned in {@code struct seccomp_data}, a jump out of the program, and a last instruction
 * that is not a return.
 */
final class SeccompFilterInterpreter {
  private static final int SECCOMP_DATA_SIZE = 64;

  private SeccompFilterInterpreter() {}

  /** The input of a filter: {@code struct seccomp_data}. */
  record SeccompData(int nr, int arch, long instructionPointer, long[] args) {
    static SeccompData of(int arch, int nr, long... args) {
      long[] all = new long[6];
      System.arraycopy(args, 0, all, 0, args.length);
      return new SeccompData(nr, arch, 0x1000, all);
    }

    /** The little-endian 32-bit word at {@code offset}, as both Capsa architectures lay it. */
    int word(int offset) {
      if (offset == 0) {
        return nr;
      }
      if (offset == 4) {
        return arch;
      }
      long value = offset < 16 ? instructionPointer : args[(offset - 16) / 8];
      return (offset % 8 == 0) ? (int) value : (int) (value >>> 32);
    }
  }

  /** Throws IllegalArgumentException naming the instruction the kernel would refuse. */
  static void verify(List<SockFilter> program) {
    if (program.isEmpty() || program.size() > FilterAssembler.MAX_INSTRUCTIONS) {
      throw new IllegalArgumentException("a filter has 1 to 4096 instructions, not "
          + program.size());
    }
    for (int pc = 0; pc < program.size(); pc++) {
      SockFilter insn = program.get(pc);
      switch (insn.code()) {
        case FilterAssembler.LD_W_ABS -> {
          if (insn.k() < 0 || insn.k() >= SECCOMP_DATA_SIZE || insn.k() % 4 != 0) {
            throw refused(pc, insn, "loads outside seccomp_data or misaligned");
          }
        }
        case FilterAssembler.JA -> checkTarget(program, pc, insn, (long) insn.k() & 0xffffffffL);
        case FilterAssembler.JEQ_K, FilterAssembler.JGT_K, FilterAssembler.JGE_K -> {
          checkTarget(program, pc, insn, insn.jt());
          checkTarget(program, pc, insn, insn.jf());
        }
        case FilterAssembler.ALU_AND_K, FilterAssembler.RET_K -> { }
        default -> throw refused(pc, insn, "unknown opcode");
      }
    }
    if (program.get(program.size() - 1).code() != FilterAssembler.RET_K) {
      throw new IllegalArgumentException("the last instruction is not a return");
    }
  }

  /** The filter's verdict for {@code data}; {@link #verify} first. */
  static int run(List<SockFilter> program, SeccompData data) {
    verify(program);
    int a = 0;
    int pc = 0;
    while (true) {
      SockFilter insn = program.get(pc);
      switch (insn.code()) {
        case FilterAssembler.LD_W_ABS -> a = data.word(insn.k());
        case FilterAssembler.ALU_AND_K -> a &= insn.k();
        case FilterAssembler.JA -> pc += insn.k();
        case FilterAssembler.JEQ_K -> pc += a == insn.k() ? insn.jt() : insn.jf();
        case FilterAssembler.JGT_K ->
            pc += Integer.compareUnsigned(a, insn.k()) > 0 ? insn.jt() : insn.jf();
        case FilterAssembler.JGE_K ->
            pc += Integer.compareUnsigned(a, insn.k()) >= 0 ? insn.jt() : insn.jf();
        case FilterAssembler.RET_K -> {
          return insn.k();
        }
        default -> throw new IllegalStateException("verified program has " + insn);
      }
      pc++;
    }
  }

  private static void checkTarget(List<SockFilter> program, int pc, SockFilter insn,
      long offset) {
    if (pc + 1 + offset >= program.size()) {
      throw refused(pc, insn, "jumps out of the program");
    }
  }

  private static IllegalArgumentException refused(int pc, SockFilter insn, String why) {
    return new IllegalArgumentException("instruction " + pc + " (" + insn + "): " + why);
  }
}
