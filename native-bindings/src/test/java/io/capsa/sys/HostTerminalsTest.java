package io.capsa.sys;

import static io.capsa.sys.ArchConstant.ECHO;
import static io.capsa.sys.ArchConstant.ICANON;
import static io.capsa.sys.ArchConstant.ISIG;
import static io.capsa.sys.ArchConstant.ONLCR;
import static io.capsa.sys.ArchConstant.O_NOCTTY;
import static io.capsa.sys.ArchConstant.O_RDWR;
import static io.capsa.sys.HostConstants.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The terminal calls on a real pty: a new /dev/ptmx master, whose mode and size are its peer's.
 * Opening /dev/ptmx needs no privilege.
 */
class HostTerminalsTest {
  private final HostSyscalls host = HostSyscalls.get();

  private Fd openPty() {
    return host.openat2(Fd.cwd(), "/dev/ptmx", OpenHow.of(value(O_RDWR, O_NOCTTY), 0));
  }

  @Test
  void aPtyIsATerminalAndAPipeOrAClosedFdIsNot() {
    try (Fd pty = openPty();
        Pipe pipe = host.pipe2(0)) {
      assertTrue(host.isTerminal(pty));
      assertFalse(host.isTerminal(pipe.readEnd()));
      assertFalse(host.isTerminal(Fd.borrowed(1 << 20)), "a descriptor that is not open");
    }
  }

  @Test
  void aNewPtyIsCookedAndRawModeSticksUntilTheModeIsRestored() {
    try (Fd pty = openPty()) {
      Termios cooked = host.tcgetattr(pty);
      int lineDiscipline = value(ICANON, ECHO, ISIG);
      assertEquals(lineDiscipline, cooked.localFlags() & lineDiscipline, cooked.toString());

      host.tcsetattr(pty, TermiosAction.NOW, cooked.raw());
      Termios raw = host.tcgetattr(pty);
      assertEquals(cooked.raw(), raw);
      assertEquals(0, raw.localFlags() & lineDiscipline, raw.toString());

      host.tcsetattr(pty, TermiosAction.DRAIN, cooked);
      assertEquals(cooked, host.tcgetattr(pty));
    }
  }

  @Test
  void outputFlagsChangeAlone() {
    try (Fd pty = openPty()) {
      Termios mode = host.tcgetattr(pty);
      Termios withoutOnlcr = mode.withOutputFlags(mode.outputFlags() & ~value(ONLCR));

      host.tcsetattr(pty, TermiosAction.NOW, withoutOnlcr);

      Termios read = host.tcgetattr(pty);
      assertNotEquals(mode, read);
      assertEquals(0, read.outputFlags() & value(ONLCR));
      assertEquals(mode.localFlags(), read.localFlags());
    }
  }

  @Test
  void theWindowSizeSetIsTheOneRead() {
    try (Fd pty = openPty()) {
      assertEquals(WindowSize.of(0, 0), host.windowSize(pty), "a pty nobody sized");

      WindowSize size = new WindowSize(40, 132, 1056, 640);
      host.setWindowSize(pty, size);

      assertEquals(size, host.windowSize(pty));
    }
  }

  @Test
  void sizesAboveShortMaxAreReadUnsigned() {
    try (Fd pty = openPty()) {
      WindowSize size = WindowSize.of(65535, 40000);
      host.setWindowSize(pty, size);

      assertEquals(size, host.windowSize(pty));
    }
  }

  @Test
  void termiosCallsOnANonTerminalFailNamingTheRequest() {
    try (Pipe pipe = host.pipe2(0)) {
      SyscallException notATerminal =
          assertThrows(SyscallException.class, () -> host.tcgetattr(pipe.readEnd()));
      assertTrue(notATerminal.is(Errno.ENOTTY), notATerminal.getMessage());
      assertEquals("ioctl TCGETS on fd " + pipe.readEnd().number()
          + ": ENOTTY (Inappropriate ioctl for device)", notATerminal.getMessage());
      assertThrows(SyscallException.class,
          () -> host.setWindowSize(pipe.writeEnd(), WindowSize.of(24, 80)));
    }
  }
}
