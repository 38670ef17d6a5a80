package io.capsa.init;

/**
 * Numbers of the binary encoding capsa-init reads, as documented in
 * {@code src/main/c/FORMAT.md}; capsa-init.c defines the same ones.
 */
final class ProgramFormat {
  private ProgramFormat() {}

  /** The bytes "CPSI" read as a little-endian int. */
  static final int MAGIC = 0x49535043;
  /** Bumped whenever the layout or the meaning of a field changes. */
  static final int VERSION = 1;
  static final int HEADER_SIZE = 24;
  static final int OP_SIZE = 72;
  static final int MAX_OPS = 4096;
  static final int MAX_PROGRAM_BYTES = 4 << 20;

  static final int ARG_IMMEDIATE = 0;
  static final int ARG_BLOB = 1;
  static final int ARG_SLOT = 2;
}
