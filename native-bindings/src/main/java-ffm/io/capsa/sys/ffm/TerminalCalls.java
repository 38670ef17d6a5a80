package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_TERMIOS_KERNEL;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_WINSIZE;
import static io.capsa.sys.ArchConstant.TCGETS;
import static io.capsa.sys.ArchConstant.TIOCGWINSZ;
import static io.capsa.sys.ArchConstant.TIOCSWINSZ;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.Syscall;
import io.capsa.sys.SyscallException;
import io.capsa.sys.Termios;
import io.capsa.sys.TermiosAction;
import io.capsa.sys.WindowSize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The terminal ioctls: a terminal's mode (the kernel's struct termios, copied whole into a
 * {@link Termios}, which knows the architecture's layout) and its window size.
 */
final class TerminalCalls {
  private static final StructLayout WINSIZE =
      struct(
          SIZEOF_STRUCT_WINSIZE,
          JAVA_SHORT.withName("ws_row"),
          JAVA_SHORT.withName("ws_col"),
          JAVA_SHORT.withName("ws_xpixel"),
          JAVA_SHORT.withName("ws_ypixel"));
  private static final long WS_ROW = offset(WINSIZE, "ws_row");
  private static final long WS_COL = offset(WINSIZE, "ws_col");
  private static final long WS_XPIXEL = offset(WINSIZE, "ws_xpixel");
  private static final long WS_YPIXEL = offset(WINSIZE, "ws_ypixel");

  private static final long TERMIOS_SIZE = constant(SIZEOF_STRUCT_TERMIOS_KERNEL);

  private TerminalCalls() {}

  /** As glibc's isatty: whatever makes TCGETS fail (ENOTTY, EBADF, EIO after a hangup) is no. */
  static boolean isTerminal(Fd fd) {
    try {
      tcgetattr(fd);
      return true;
    } catch (SyscallException notATerminal) {
      return false;
    }
  }

  static Termios tcgetattr(Fd fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment termios = arena.allocate(TERMIOS_SIZE);
      ioctl(fd, TCGETS, termios);
      return Termios.of(Kernel.HOST, termios.toArray(JAVA_BYTE));
    }
  }

  static void tcsetattr(Fd fd, TermiosAction action, Termios mode) {
    if (mode.arch() != Kernel.HOST) {
      throw new IllegalArgumentException(
          "a termios of " + mode.arch().gnuName() + " set on " + Kernel.HOST.gnuName());
    }
    try (Arena arena = Arena.ofConfined()) {
      ioctl(fd, action.request(), arena.allocateFrom(JAVA_BYTE, mode.toBytes()));
    }
  }

  static WindowSize windowSize(Fd fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment winsize = arena.allocate(WINSIZE);
      ioctl(fd, TIOCGWINSZ, winsize);
      return new WindowSize(
          unsigned(WS_ROW, winsize),
          unsigned(WS_COL, winsize),
          unsigned(WS_XPIXEL, winsize),
          unsigned(WS_YPIXEL, winsize));
    }
  }

  static void setWindowSize(Fd fd, WindowSize size) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment winsize = arena.allocate(WINSIZE);
      winsize.set(JAVA_SHORT, WS_ROW, (short) size.rows());
      winsize.set(JAVA_SHORT, WS_COL, (short) size.columns());
      winsize.set(JAVA_SHORT, WS_XPIXEL, (short) size.widthPixels());
      winsize.set(JAVA_SHORT, WS_YPIXEL, (short) size.heightPixels());
      ioctl(fd, TIOCSWINSZ, winsize);
    }
  }

  private static int unsigned(long offset, MemorySegment struct) {
    return Short.toUnsignedInt(struct.get(JAVA_SHORT, offset));
  }

  /** An ioctl whose failure names the request and the fd, there being no path. */
  private static void ioctl(Fd fd, ArchConstant request, MemorySegment argument) {
    int number = fd.number();
    Kernel.call(Syscall.IOCTL, () -> request + " on fd " + number, number, constant(request),
        argument.address());
  }
}
