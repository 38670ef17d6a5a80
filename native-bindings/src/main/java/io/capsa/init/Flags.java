package io.capsa.init;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a flags word as {@code NAME|NAME|0x40}: the bits named by constants of the program's
 * architecture, optionally a multi-bit field first (an access mode, an exit signal, a file
 * type), and whatever is left in {@code rest} format.
 */
final class Flags implements ValueFormat {
  private final List<ArchConstant> bits;
  private final long fieldMask;
  private final ValueFormat field;
  private final ValueFormat rest;

  private Flags(List<ArchConstant> bits, long fieldMask, ValueFormat field, ValueFormat rest) {
    this.bits = List.copyOf(bits);
    this.fieldMask = fieldMask;
    this.field = field;
    this.rest = rest;
  }

  static Flags of(ArchConstant... bits) {
    return new Flags(List.of(bits), 0, null, ValueFormat.HEX);
  }

  /**
   * Flags whose {@code mask} bits hold one value rendered by {@code field}; the field is left out
   * when it renders as "0" (a clone exit signal of 0), kept when it has a name (O_RDONLY).
   */
  static Flags withField(long mask, ValueFormat field, ArchConstant... bits) {
    return new Flags(List.of(bits), mask, field, ValueFormat.HEX);
  }

  /** The same flags with the bits no constant names shown in {@code format}. */
  Flags restAs(ValueFormat format) {
    return new Flags(bits, fieldMask, field, format);
  }

  @Override
  public String format(long value, Arch arch) {
    List<String> parts = new ArrayList<>();
    long left = value;
    if (field != null) {
      String shown = field.format(left & fieldMask, arch);
      left &= ~fieldMask;
      if (!shown.equals("0")) {
        parts.add(shown);
      }
    }
    for (ArchConstant bit : bits) {
      long mask = bit.value(arch);
      if (mask != 0 && (left & mask) == mask) {
        parts.add(bit.name());
        left &= ~mask;
      }
    }
    if (left != 0) {
      parts.add(rest.format(left, arch));
    }
    if (parts.isEmpty()) {
      parts.add("0");
    }
    return String.join("|", parts);
  }
}
