package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.Pipe;
import io.capsa.sys.Termios;
import io.capsa.sys.WindowSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caller's terminal and the resizes as a foreground relay uses them, on ptys of the test's
 * own: one stands for the caller's terminal, the other for the container's. Raising SIGWINCH in
 * the test's JVM is what a resized terminal does to capsa.
 */
@SuppressWarnings("removal")
class TerminalRelayPartsTest {
  private final HostSyscalls host = HostSyscalls.get();

  private Fd openPty() {
    Arch arch = Arch.current();
    return host.openat2(Fd.cwd(), "/dev/ptmx", OpenHow.of(
        arch.constant(ArchConstant.O_RDWR) | arch.constant(ArchConstant.O_NOCTTY), 0));
  }

  @Test
  void theCallersTerminalIsTheFirstCandidateThatIsOne() {
    try (Pipe pipe = host.pipe2(0);
        Fd pty = openPty()) {
      host.setWindowSize(pty, WindowSize.of(24, 80));

      CallerTerminal caller =
          CallerTerminal.among(host, List.of(pipe.readEnd(), pty)).orElseThrow();

      assertEquals(WindowSize.of(24, 80), caller.size().orElseThrow());
      assertTrue(CallerTerminal.among(host, List.of(pipe.readEnd())).isEmpty());
    }
  }

  @Test
  void aTerminalWithoutASizeGivesNone() {
    try (Fd pty = openPty()) {
      assertTrue(CallerTerminal.among(host, List.of(pty)).orElseThrow().size().isEmpty());
    }
  }

  @Test
  void rawModeKeepsOutputProcessingAndRestoreGivesTheModeBack() {
    try (Fd pty = openPty()) {
      Termios before = host.tcgetattr(pty);
      CallerTerminal caller = CallerTerminal.among(host, List.of(pty)).orElseThrow();

      caller.makeRaw();
      Termios raw = host.tcgetattr(pty);
      int opost = (int) Arch.current().constant(ArchConstant.OPOST);
      assertEquals(before.raw().withOutputFlags(before.raw().outputFlags() | opost), raw);

      caller.restore();
      caller.restore();
      assertEquals(before, host.tcgetattr(pty));
    }
  }

  @Test
  void theCallersSizeReachesThePtyAtOnceAndAtEverySigwinchUntilClosed() throws Exception {
    sun.misc.Signal winch = new sun.misc.Signal("WINCH");
    try (Fd callerPty = openPty();
        Fd master = openPty()) {
      host.setWindowSize(callerPty, WindowSize.of(30, 100));
      CallerTerminal caller = CallerTerminal.among(host, List.of(callerPty)).orElseThrow();

      sun.misc.SignalHandler before = sun.misc.Signal.handle(winch, sun.misc.SignalHandler.SIG_DFL);
      try (WindowSizeRelay relay = WindowSizeRelay.start(caller, master, host)) {
        assertEquals(WindowSize.of(30, 100), host.windowSize(master));

        host.setWindowSize(callerPty, new WindowSize(50, 120, 960, 800));
        sun.misc.Signal.raise(winch);
        awaitSize(master, new WindowSize(50, 120, 960, 800));
      }
      assertSame(sun.misc.SignalHandler.SIG_DFL,
          sun.misc.Signal.handle(winch, before), "the handler before the relay is back");
    }
  }

  @Test
  void aCallerWithoutASizeLeavesThePtysSize() {
    try (Fd callerPty = openPty();
        Fd master = openPty()) {
      host.setWindowSize(master, WindowSize.of(25, 90));
      CallerTerminal caller = CallerTerminal.among(host, List.of(callerPty)).orElseThrow();

      try (WindowSizeRelay relay = WindowSizeRelay.start(caller, master, host)) {
        assertEquals(WindowSize.of(25, 90), host.windowSize(master));
      }
    }
  }

  private void awaitSize(Fd pty, WindowSize expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!host.windowSize(pty).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, host.windowSize(pty));
  }
}
