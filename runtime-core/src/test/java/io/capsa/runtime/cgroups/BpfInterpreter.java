package io.capsa.runtime.cgroups;

import java.util.BitSet;
import java.util.List;

/**
 * A small eBPF interpreter for the instructions a device filter uses (32- and 64-bit ALU ops,
 * jumps and 32-bit jumps, 32-bit loads from the context, exit), with the checks of the kernel's
 * verifier that such a program can fail: an opcode outside that set, a jump out of the program
 * or backwards, an instruction no path reaches, falling off the end, reading a register no path
 * has written, and loading from anything but the context.
 */
final class BpfInterpreter {
  private static final int REGISTERS = 11;
  private static final int CTX = 1;
  private static final int FRAME_POINTER = 10;
  private static final int CTX_SIZE = 12;

  private static final int CLASS_LDX = 0x01;
  private static final int CLASS_ALU = 0x04;
  private static final int CLASS_JMP = 0x05;
  private static final int CLASS_JMP32 = 0x06;
  private static final int CLASS_ALU64 = 0x07;
  private static final int SOURCE_X = 0x08;
  private static final int LDX_MEM_W = 0x61;

  private BpfInterpreter() {}

  /** Thrown for a program the kernel's verifier would refuse. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(int pc, BpfInstruction instruction, String why) {
      super("instruction " + pc + " (" + instruction + "): " + why);
    }
  }

  /** Checks {@code program} as the verifier would; throws {@link Refused} if it would not load. */
  static void verify(List<BpfInstruction> program) {
    int size = program.size();
    if (size == 0) {
      throw new IllegalArgumentException("empty program");
    }
    // Jumps only go forward, so program order visits every predecessor first.
    BitSet[] written = new BitSet[size];
    BitSet[] holdsCtx = new BitSet[size];
    written[0] = new BitSet();
    written[0].set(CTX);
    written[0].set(FRAME_POINTER);
    holdsCtx[0] = new BitSet();
    holdsCtx[0].set(CTX);
    for (int pc = 0; pc < size; pc++) {
      BpfInstruction instruction = program.get(pc);
      if (written[pc] == null) {
        throw new Refused(pc, instruction, "unreachable");
      }
      BitSet regs = (BitSet) written[pc].clone();
      BitSet ctx = (BitSet) holdsCtx[pc].clone();
      checkReads(pc, instruction, regs, ctx);
      int kind = instruction.opcode() & 0x07;
      int op = instruction.opcode() & 0xf0;
      if (kind == CLASS_JMP && op == 0x90) {
        continue; // exit: no successor
      }
      if (kind == CLASS_ALU || kind == CLASS_ALU64 || kind == CLASS_LDX) {
        regs.set(instruction.dst());
        boolean copiesCtx = instruction.opcode() == (CLASS_ALU64 | 0xb0 | SOURCE_X)
            && ctx.get(instruction.src());
        ctx.set(instruction.dst(), copiesCtx);
      }
      boolean isJump = kind == CLASS_JMP || kind == CLASS_JMP32;
      if (isJump) {
        int target = pc + 1 + instruction.offset();
        if (instruction.offset() < 0) {
          throw new Refused(pc, instruction, "jumps backwards");
        }
        if (target >= size) {
          throw new Refused(pc, instruction, "jumps out of the program");
        }
        merge(written, holdsCtx, target, regs, ctx);
      }
      boolean unconditional = kind == CLASS_JMP && op == 0x00;
      if (!unconditional) {
        if (pc + 1 >= size) {
          throw new Refused(pc, instruction, "falls off the end of the program");
        }
        merge(written, holdsCtx, pc + 1, regs, ctx);
      }
    }
  }

  private static void checkReads(int pc, BpfInstruction instruction, BitSet regs, BitSet ctx) {
    int opcode = instruction.opcode();
    int kind = opcode & 0x07;
    int op = opcode & 0xf0;
    boolean sourceRegister = (opcode & SOURCE_X) != 0;
    switch (kind) {
      case CLASS_LDX -> {
        if (opcode != LDX_MEM_W) {
          throw new Refused(pc, instruction, "unsupported load");
        }
        if (!ctx.get(instruction.src())) {
          throw new Refused(pc, instruction, "loads from r" + instruction.src()
              + ", which does not hold the context");
        }
        if (instruction.offset() < 0 || instruction.offset() + 4 > CTX_SIZE
            || instruction.offset() % 4 != 0) {
          throw new Refused(pc, instruction, "reads outside bpf_cgroup_dev_ctx");
        }
      }
      case CLASS_ALU, CLASS_ALU64 -> {
        if (!List.of(0x00, 0x10, 0x20, 0x40, 0x50, 0x60, 0x70, 0xb0).contains(op)) {
          throw new Refused(pc, instruction, "unsupported ALU operation");
        }
        if (op != 0xb0) {
          requireWritten(pc, instruction, regs, instruction.dst());
        }
        if (sourceRegister) {
          requireWritten(pc, instruction, regs, instruction.src());
        }
      }
      case CLASS_JMP, CLASS_JMP32 -> {
        if (op == 0x90) {
          if (kind != CLASS_JMP) {
            throw new Refused(pc, instruction, "exit must be a JMP-class instruction");
          }
          requireWritten(pc, instruction, regs, 0);
        } else if (op == 0x00) {
          if (kind != CLASS_JMP) {
            throw new Refused(pc, instruction, "goto must be a JMP-class instruction");
          }
        } else if (List.of(0x10, 0x20, 0x30, 0x40, 0x50, 0xa0, 0xb0).contains(op)) {
          requireWritten(pc, instruction, regs, instruction.dst());
          if (sourceRegister) {
            requireWritten(pc, instruction, regs, instruction.src());
          }
        } else {
          throw new Refused(pc, instruction, "unsupported jump");
        }
      }
      default -> throw new Refused(pc, instruction, "unsupported instruction class");
    }
  }

  private static void requireWritten(int pc, BpfInstruction instruction, BitSet regs, int reg) {
    if (!regs.get(reg)) {
      throw new Refused(pc, instruction, "reads r" + reg + " before any write to it");
    }
  }

  /** A register counts as written (or as the context) only when it is on every path. */
  private static void merge(BitSet[] written, BitSet[] holdsCtx, int target, BitSet regs,
      BitSet ctx) {
    if (written[target] == null) {
      written[target] = (BitSet) regs.clone();
      holdsCtx[target] = (BitSet) ctx.clone();
    } else {
      written[target].and(regs);
      holdsCtx[target].and(ctx);
    }
  }

  /**
   * Runs a verified program on a {@code struct bpf_cgroup_dev_ctx} and returns r0: the
   * kernel's access_type (device type in the low 16 bits, access in the high), major, minor.
   * Verified programs only jump forward, so every run ends.
   */
  static long run(List<BpfInstruction> program, int accessType, int major, int minor) {
    long[] r = new long[REGISTERS];
    int[] context = {accessType, major, minor};
    int pc = 0;
    while (true) {
      BpfInstruction instruction = program.get(pc);
      int kind = instruction.opcode() & 0x07;
      int op = instruction.opcode() & 0xf0;
      boolean sourceRegister = (instruction.opcode() & SOURCE_X) != 0;
      long operand = sourceRegister ? r[instruction.src()] : instruction.immediate();
      int next = pc + 1;
      switch (kind) {
        case CLASS_LDX -> r[instruction.dst()] =
            Integer.toUnsignedLong(context[instruction.offset() / 4]);
        case CLASS_ALU -> r[instruction.dst()] =
            Integer.toUnsignedLong((int) alu(op, r[instruction.dst()] & 0xffff_ffffL,
                operand & 0xffff_ffffL, true));
        case CLASS_ALU64 -> r[instruction.dst()] = alu(op, r[instruction.dst()], operand, false);
        case CLASS_JMP, CLASS_JMP32 -> {
          if (op == 0x90) {
            return r[0];
          }
          boolean narrow = kind == CLASS_JMP32;
          long left = narrow ? r[instruction.dst()] & 0xffff_ffffL : r[instruction.dst()];
          long right = narrow ? operand & 0xffff_ffffL : operand;
          if (op == 0x00 || taken(op, left, right)) {
            next = pc + 1 + instruction.offset();
          }
        }
        default -> throw new IllegalStateException("unverified program at " + pc);
      }
      pc = next;
    }
  }

  private static long alu(int op, long dst, long src, boolean narrow) {
    long shift = src & (narrow ? 31 : 63);
    return switch (op) {
      case 0x00 -> dst + src;
      case 0x10 -> dst - src;
      case 0x20 -> dst * src;
      case 0x40 -> dst | src;
      case 0x50 -> dst & src;
      case 0x60 -> dst << shift;
      case 0x70 -> dst >>> shift;
      case 0xb0 -> src;
      default -> throw new IllegalStateException("unverified ALU op " + op);
    };
  }

  private static boolean taken(int op, long left, long right) {
    return switch (op) {
      case 0x10 -> left == right;
      case 0x20 -> Long.compareUnsigned(left, right) > 0;
      case 0x30 -> Long.compareUnsigned(left, right) >= 0;
      case 0x40 -> (left & right) != 0;
      case 0x50 -> left != right;
      case 0xa0 -> Long.compareUnsigned(left, right) < 0;
      case 0xb0 -> Long.compareUnsigned(left, right) <= 0;
      default -> throw new IllegalStateException("unverified jump op " + op);
    };
  }
}
