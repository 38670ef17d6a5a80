package io.capsa.sys;

/**
 * A terminal's size, the kernel's struct winsize: rows and columns of characters, and the
 * size in pixels that few terminals set (0 when unknown). Every field is an unsigned short.
 */
public record WindowSize(int rows, int columns, int widthPixels, int heightPixels) {
  private static final int MAX = 0xffff;

  public WindowSize {
    check("rows", rows);
    check("columns", columns);
    check("widthPixels", widthPixels);
    check("heightPixels", heightPixels);
  }

  /** {@code rows} x {@code columns}, pixels unknown. */
  public static WindowSize of(int rows, int columns) {
    return new WindowSize(rows, columns, 0, 0);
  }

  /** Whether it has no size at all, as a pty nobody sized has: 0 rows or 0 columns. */
  public boolean isEmpty() {
    return rows == 0 || columns == 0;
  }

  private static void check(String field, int value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("a window size's " + field + " must be 0 to " + MAX
          + ", not " + value);
    }
  }
}
