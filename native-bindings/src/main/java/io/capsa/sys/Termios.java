package io.capsa.sys;

import static io.capsa.sys.ArchConstant.BRKINT;
import static io.capsa.sys.ArchConstant.CS8;
import static io.capsa.sys.ArchConstant.CSIZE;
import static io.capsa.sys.ArchConstant.ECHO;
import static io.capsa.sys.ArchConstant.ECHONL;
import static io.capsa.sys.ArchConstant.ICANON;
import static io.capsa.sys.ArchConstant.ICRNL;
import static io.capsa.sys.ArchConstant.IEXTEN;
import static io.capsa.sys.ArchConstant.IGNBRK;
import static io.capsa.sys.ArchConstant.IGNCR;
import static io.capsa.sys.ArchConstant.INLCR;
import static io.capsa.sys.ArchConstant.ISIG;
import static io.capsa.sys.ArchConstant.ISTRIP;
import static io.capsa.sys.ArchConstant.IXON;
import static io.capsa.sys.ArchConstant.NCCS;
import static io.capsa.sys.ArchConstant.OFFSETOF_TERMIOS_C_CC;
import static io.capsa.sys.ArchConstant.OFFSETOF_TERMIOS_C_CFLAG;
import static io.capsa.sys.ArchConstant.OFFSETOF_TERMIOS_C_IFLAG;
import static io.capsa.sys.ArchConstant.OFFSETOF_TERMIOS_C_LFLAG;
import static io.capsa.sys.ArchConstant.OFFSETOF_TERMIOS_C_OFLAG;
import static io.capsa.sys.ArchConstant.OPOST;
import static io.capsa.sys.ArchConstant.PARENB;
import static io.capsa.sys.ArchConstant.PARMRK;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_TERMIOS_KERNEL;
import static io.capsa.sys.ArchConstant.VMIN;
import static io.capsa.sys.ArchConstant.VTIME;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A terminal's mode: the kernel's struct termios of one architecture, as TCGETS fills it and
 * TCSETS takes it. The struct's bytes are kept whole, so that a mode read and set again is the
 * same to the last byte, whatever the architecture keeps in it (ppc64le's has the line speeds
 * and c_cc before c_line, x86_64's neither); the fields Capsa changes are read and written at
 * the offsets {@link ArchConstant} gives, with that architecture's flag bits. Immutable: the
 * {@code with} methods return a changed copy.
 */
public final class Termios {
  private final Arch arch;
  private final byte[] struct;

  private Termios(Arch arch, byte[] struct) {
    this.arch = arch;
    this.struct = struct;
  }

  /** The mode in {@code struct}, the bytes of {@code arch}'s kernel struct termios. */
  public static Termios of(Arch arch, byte[] struct) {
    long size = arch.constant(SIZEOF_STRUCT_TERMIOS_KERNEL);
    if (struct.length != size) {
      throw new IllegalArgumentException("a struct termios on " + arch.gnuName() + " has "
          + size + " bytes, not " + struct.length);
    }
    return new Termios(arch, struct.clone());
  }

  public Arch arch() {
    return arch;
  }

  /** The struct's bytes, to pass to TCSETS. */
  public byte[] toBytes() {
    return struct.clone();
  }

  /** c_iflag. */
  public int inputFlags() {
    return flags(OFFSETOF_TERMIOS_C_IFLAG);
  }

  /** c_oflag. */
  public int outputFlags() {
    return flags(OFFSETOF_TERMIOS_C_OFLAG);
  }

  /** c_cflag. */
  public int controlFlags() {
    return flags(OFFSETOF_TERMIOS_C_CFLAG);
  }

  /** c_lflag. */
  public int localFlags() {
    return flags(OFFSETOF_TERMIOS_C_LFLAG);
  }

  /** c_cc[index], e.g. index VMIN, as an unsigned value. */
  public int controlChar(ArchConstant index) {
    return Byte.toUnsignedInt(struct[controlCharOffset(index)]);
  }

  /** This mode with c_oflag {@code flags}. */
  public Termios withOutputFlags(int flags) {
    return new Changes().flags(OFFSETOF_TERMIOS_C_OFLAG, flags).done();
  }

  /**
   * Raw mode as cfmakeraw(3) makes it: input bytes pass unchanged (no break, parity, CR/NL
   * or flow control handling), output is not processed, no echo, no line editing and no
   * signal characters, 8-bit characters, and a read returns as soon as one byte is there.
   */
  public Termios raw() {
    return new Changes()
        .flags(OFFSETOF_TERMIOS_C_IFLAG, inputFlags()
            & ~bits(IGNBRK, BRKINT, PARMRK, ISTRIP, INLCR, IGNCR, ICRNL, IXON))
        .flags(OFFSETOF_TERMIOS_C_OFLAG, outputFlags() & ~bits(OPOST))
        .flags(OFFSETOF_TERMIOS_C_LFLAG, localFlags()
            & ~bits(ECHO, ECHONL, ICANON, ISIG, IEXTEN))
        .flags(OFFSETOF_TERMIOS_C_CFLAG, controlFlags() & ~bits(CSIZE, PARENB) | bits(CS8))
        .controlChar(VMIN, 1)
        .controlChar(VTIME, 0)
        .done();
  }

  private int bits(ArchConstant... flags) {
    int bits = 0;
    for (ArchConstant flag : flags) {
      bits |= (int) arch.constant(flag);
    }
    return bits;
  }

  private int flags(ArchConstant offset) {
    return buffer(struct).getInt((int) arch.constant(offset));
  }

  private int controlCharOffset(ArchConstant index) {
    long position = arch.constant(index);
    if (position < 0 || position >= arch.constant(NCCS)) {
      throw new IllegalArgumentException(index + " is not an index of c_cc");
    }
    return (int) (arch.constant(OFFSETOF_TERMIOS_C_CC) + position);
  }

  /** Both architectures Capsa runs on are little-endian. */
  private static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Changes made to a copy of the struct. */
  private final class Changes {
    private final byte[] copy = struct.clone();

    Changes flags(ArchConstant offset, int value) {
      buffer(copy).putInt((int) arch.constant(offset), value);
      return this;
    }

    Changes controlChar(ArchConstant index, int value) {
      copy[controlCharOffset(index)] = (byte) value;
      return this;
    }

    Termios done() {
      return new Termios(arch, copy);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Termios that && arch == that.arch
        && Arrays.equals(struct, that.struct);
  }

  @Override
  public int hashCode() {
    return 31 * arch.hashCode() + Arrays.hashCode(struct);
  }

  @Override
  public String toString() {
    return String.format("termios{iflag=%#x, oflag=%#x, cflag=%#x, lflag=%#x, struct=%s}",
        inputFlags(), outputFlags(), controlFlags(), localFlags(),
        HexFormat.of().formatHex(struct));
  }
}
