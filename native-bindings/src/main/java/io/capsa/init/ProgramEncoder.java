package io.capsa.init;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes a program in the binary format of {@code src/main/c/FORMAT.md}: header, op table,
 * relocation table, blob. The tolerated errno lists are appended to the blob here, so the
 * program's own blob holds only what its ops point to.
 */
final class ProgramEncoder {
  private ProgramEncoder() {}

  static byte[] encode(InitProgram program) {
    List<Op> ops = program.ops();
    byte[] data = program.blob();
    int[] relocations = program.relocations();

    int tolerateAt = align(data.length, 4);
    int[] tolerateOffsets = new int[ops.size()];
    int blobSize = tolerateAt;
    for (Op op : ops) {
      tolerateOffsets[op.index()] = blobSize;
      blobSize += 4 * op.policy().tolerated().size();
    }
    int relocationsAt = ProgramFormat.HEADER_SIZE + ProgramFormat.OP_SIZE * ops.size();
    int blobAt = align(relocationsAt + 4 * relocations.length, 8);
    long total = (long) blobAt + blobSize;
    if (total > ProgramFormat.MAX_PROGRAM_BYTES) {
      throw new IllegalStateException("the program encodes to " + total + " bytes, more than the "
          + ProgramFormat.MAX_PROGRAM_BYTES + " capsa-init reads");
    }

    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(ProgramFormat.MAGIC)
        .putInt(ProgramFormat.VERSION)
        .putInt(program.arch().auditArch())
        .putInt(ops.size())
        .putInt(relocations.length)
        .putInt(blobSize);
    for (Op op : ops) {
      putOp(out, op, tolerateOffsets[op.index()]);
    }
    for (int relocation : relocations) {
      out.putInt(relocation);
    }
    out.position(blobAt);
    out.put(data);
    out.position(blobAt + tolerateAt);
    for (Op op : ops) {
      op.policy().tolerated().forEach(errno -> out.putInt(errno.number(program.arch())));
    }
    return out.array();
  }

  private static void putOp(ByteBuffer out, Op op, int tolerateAt) {
    List<Arg> args = op.args();
    out.putInt(op.code().wireCode())
        .putInt(op.param())
        .putInt(tolerateAt)
        .putInt(op.policy().tolerated().size());
    for (int i = 0; i < 8; i++) {
      out.put((byte) (i < args.size() ? kind(args.get(i)) : ProgramFormat.ARG_IMMEDIATE));
    }
    for (int i = 0; i < Op.MAX_ARGS; i++) {
      out.putLong(i < args.size() ? value(args.get(i)) : 0);
    }
  }

  private static int kind(Arg arg) {
    if (arg instanceof Arg.BlobRef) {
      return ProgramFormat.ARG_BLOB;
    }
    return arg instanceof Arg.SlotRef ? ProgramFormat.ARG_SLOT : ProgramFormat.ARG_IMMEDIATE;
  }

  private static long value(Arg arg) {
    if (arg instanceof Arg.BlobRef blob) {
      return blob.offset();
    }
    if (arg instanceof Arg.SlotRef slot) {
      return slot.index();
    }
    return ((Arg.Immediate) arg).value();
  }

  private static int align(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }
}
