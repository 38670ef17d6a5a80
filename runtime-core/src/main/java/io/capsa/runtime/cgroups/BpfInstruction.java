package io.capsa.runtime.cgroups;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One eBPF instruction ({@code struct bpf_insn}) of the few kinds the device filter uses, with
 * the opcodes of linux/bpf.h and linux/bpf_common.h.
 *
 * @param opcode class, size or operation, and source bits
 * @param dst the destination register, 0 to 10
 * @param src the source register, 0 to 10
 * @param offset a jump's distance in instructions from the next one, or a load's byte offset
 * @param immediate the constant operand
 */
public record BpfInstruction(int opcode, int dst, int src, int offset, int immediate) {
  static final int LDX_MEM_W = 0x61;
  static final int ALU32_AND_K = 0x54;
  static final int ALU32_RSH_K = 0x74;
  static final int ALU32_MOV_X = 0xbc;
  static final int ALU64_MOV_K = 0xb7;
  static final int JMP_JA = 0x05;
  static final int JMP32_JEQ_K = 0x16;
  static final int JMP32_JNE_K = 0x56;
  static final int JMP_EXIT = 0x95;

  private static final int SIZE = 8;

  public BpfInstruction {
    if (opcode < 0 || opcode > 0xff || dst < 0 || dst > 10 || src < 0 || src > 10
        || offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
      throw new IllegalArgumentException("not an eBPF instruction: opcode=" + opcode + " dst="
          + dst + " src=" + src + " offset=" + offset);
    }
  }

  /**
   * The instructions as bpf(BPF_PROG_LOAD) takes them. Little-endian, as both architectures
   * Capsa runs on are: the byte of registers has dst in its low nibble there.
   */
  public static byte[] encode(List<BpfInstruction> program) {
    ByteBuffer bytes = ByteBuffer.allocate(program.size() * SIZE).order(ByteOrder.LITTLE_ENDIAN);
    for (BpfInstruction instruction : program) {
      bytes.put((byte) instruction.opcode)
          .put((byte) (instruction.src << 4 | instruction.dst))
          .putShort((short) instruction.offset)
          .putInt(instruction.immediate);
    }
    return bytes.array();
  }

  /** Assembler notation: {@code w1 &= 2}, {@code if w4 != 1 goto +3}, {@code exit}. */
  @Override
  public String toString() {
    return switch (opcode) {
      case LDX_MEM_W -> "r" + dst + " = *(u32 *)(r" + src + " + " + offset + ")";
      case ALU32_AND_K -> "w" + dst + " &= " + immediate;
      case ALU32_RSH_K -> "w" + dst + " >>= " + immediate;
      case ALU32_MOV_X -> "w" + dst + " = w" + src;
      case ALU64_MOV_K -> "r" + dst + " = " + immediate;
      case JMP_JA -> "goto " + jump();
      case JMP32_JEQ_K -> "if w" + dst + " == " + immediate + " goto " + jump();
      case JMP32_JNE_K -> "if w" + dst + " != " + immediate + " goto " + jump();
      case JMP_EXIT -> "exit";
      default -> String.format("opcode 0x%02x dst=%d src=%d off=%d imm=%d", opcode, dst, src,
          offset, immediate);
    };
  }

  private String jump() {
    return (offset < 0 ? "" : "+") + offset;
  }
}
