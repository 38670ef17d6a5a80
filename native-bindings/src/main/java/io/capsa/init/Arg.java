package io.capsa.init;

/**
 * One argument of an op as it is encoded: an immediate, a pointer into the program's data blob,
 * or the slot holding an earlier op's result.
 */
public sealed interface Arg extends Operand permits Arg.Immediate, Arg.BlobRef, Arg.SlotRef {

  @Override
  default Arg asArg() {
    return this;
  }

  /** A number passed as is; {@code format} says how a rendered program shows it. */
  record Immediate(long value, ValueFormat format) implements Arg {}

  /**
   * The address of {@code offset} in the blob once capsa-init has loaded the program;
   * {@code shown} is what the data there looks like in a rendered program.
   */
  record BlobRef(int offset, String shown) implements Arg {
    public BlobRef {
      if (offset < 0) {
        throw new IllegalArgumentException("negative blob offset " + offset);
      }
    }

    /** The address {@code bytes} further on, e.g. one field of a struct. */
    public BlobRef plus(int bytes) {
      return new BlobRef(offset + bytes, shown + "+" + bytes);
    }
  }

  /**
   * The result of op {@code index}: its return value, or -errno when it failed with a tolerated
   * errno; 0 when the op was jumped over. Rendered as {@code $index}.
   */
  record SlotRef(int index) implements Arg {
    public SlotRef {
      if (index < 0) {
        throw new IllegalArgumentException("negative slot " + index);
      }
    }
  }

  static Immediate of(long value) {
    return new Immediate(value, ValueFormat.DECIMAL);
  }

  /** A file descriptor known when the program is built: stdio, or one the host passes. */
  static Immediate fd(int fd) {
    return new Immediate(fd, Formats.FD);
  }

  static Immediate nullPointer() {
    return new Immediate(0, ValueFormat.POINTER);
  }
}
