package io.capsa.init;

/**
 * Fields of the kernel's {@code struct statx} (linux/stat.h) a program can load after a
 * {@link InitProgramBuilder#statx statx} op, at their offsets in the LP64 layout x86_64 and
 * ppc64le share. Each is loaded 4 bytes wide: stx_mode is a u16 followed by a u16 the kernel
 * zero-fills, so the load is the mode.
 */
public enum StatxField {
  /** File type and permission bits, as S_IFMT and the mode of mknod. */
  MODE("stx_mode", 28),
  /** The device number of a character or block device file. */
  RDEV_MAJOR("stx_rdev_major", 128),
  RDEV_MINOR("stx_rdev_minor", 132);

  private final String fieldName;
  private final int offset;

  StatxField(String fieldName, int offset) {
    this.fieldName = fieldName;
    this.offset = offset;
  }

  public String fieldName() {
    return fieldName;
  }

  public int offset() {
    return offset;
  }

  int width() {
    return 4;
  }
}
