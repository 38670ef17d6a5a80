package io.capsa.init;

import io.capsa.sys.Arch;

/**
 * How an immediate argument is shown when a program is rendered: a number, an fd, or flags
 * decoded into the names of the per-architecture constants they are made of.
 */
@FunctionalInterface
public interface ValueFormat {
  String format(long value, Arch arch);

  ValueFormat DECIMAL = (value, arch) -> Long.toString(value);
  ValueFormat HEX = (value, arch) -> "0x" + Long.toHexString(value);
  ValueFormat OCTAL = (value, arch) -> value == 0 ? "0" : "0" + Long.toOctalString(value);
  /** A NULL pointer: an optional pointer argument that was left out. */
  ValueFormat POINTER = (value, arch) -> value == 0 ? "NULL" : "0x" + Long.toHexString(value);
}
