package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.ConsoleSize;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.Termios;
import io.capsa.sys.WindowSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Terminals of create and run through the real ./capsa: the master sent to --console-socket,
 * and a foreground run relaying the caller's terminal (raw meanwhile, restored afterwards) and
 * its size.
 */
class CliConsoleTest extends CliTestSupport {
  private Path terminalBundle(String name, List<String> args) throws Exception {
    return TestBundle.create(Files.createDirectory(dir.resolve(name)), args,
        spec -> TestBundle.withProcess(spec, process -> process.terminal(true)
            .consoleSize(new ConsoleSize(25, 90, null))));
  }

  @Test
  void createSendsTheMasterToTheConsoleSocket() throws Exception {
    Path bundle = terminalBundle("bundle", List.of("sh"));
    try (ConsoleSocketListener listener = ConsoleSocketListener.at(dir.resolve("tty.sock"))) {
      CapsaProcess.Result create = cli.capsa("create", "--console-socket",
          listener.path().toString(), "--bundle", bundle.toString(), "tty");
      assertEquals(0, create.exitCode(), create.stderr());

      try (Fd master = listener.receiveMaster()) {
        assertEquals(0, cli.capsa("start", "tty").exitCode());
        String shown = PtyMaster.converse(master, "stty size; exit 3\n");
        assertTrue(shown.contains("25 90"), shown);
      }
    }
  }

  @Test
  void aForegroundRunRelaysTheTerminalAndRestoresIt() throws Exception {
    Path bundle = terminalBundle("bundle", List.of("sh", "-c", "stty size; tty; exit 5"));

    CapsaProcess.Result script = cli.shell("script -qec 'before=$(stty -g);"
        + " \"$CAPSA\" --root \"$ROOT\" run --bundle " + bundle + " fg; status=$?;"
        + " [ \"$(stty -g)\" = \"$before\" ] && echo terminal restored; exit $status' /dev/null");

    assertEquals(5, script.exitCode(), script.stdout() + script.stderr());
    assertTrue(script.stdout().contains("25 90"), script.stdout());
    assertTrue(script.stdout().contains("/dev/pts/"), script.stdout());
    assertTrue(script.stdout().contains("terminal restored"), script.stdout());
  }

  /**
   * The caller's terminal is raw while the container runs (cfmakeraw's, output processing kept,
   * as runc sets it), and gets its mode back when a signal sent to capsa ends the run: capsa
   * forwards SIGTERM, the process exits, capsa exits with its status.
   */
  @Test
  void theCallersTerminalIsRawDuringTheRunAndRestoredWhenASignalEndsIt() throws Exception {
    Path bundle = terminalBundle("bundle",
        List.of("sh", "-c", "trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done"));

    try (ScriptTerminal terminal = ScriptTerminal.start(dir, cli, "before=$(stty -g);"
        + " \"$CAPSA\" --root \"$ROOT\" run --bundle " + bundle + " signalled; status=$?;"
        + " [ \"$(stty -g)\" = \"$before\" ] && echo terminal restored; exit $status")) {
      terminal.awaitOutput("ready");
      Termios raw = terminal.mode();
      assertEquals(0, raw.localFlags() & value(ArchConstant.ICANON, ArchConstant.ECHO,
          ArchConstant.ISIG), raw.toString());
      assertEquals(value(ArchConstant.OPOST), raw.outputFlags() & value(ArchConstant.OPOST));

      List<ProcessHandle> capsa = terminal.processes("capsa.jar", "signalled");
      assertEquals(1, capsa.size(), capsa.toString());
      capsa.get(0).destroy();

      assertEquals(7, terminal.exitCode(), terminal.output());
      assertTrue(terminal.output().contains("terminal restored"), terminal.output());
    }
  }

  /**
   * The caller's size replaces process.consoleSize when the run starts, as in runc, and a
   * resized caller's terminal resizes the container's: the kernel sends capsa SIGWINCH, capsa
   * sets the new size on the container's pty, and stty there shows it.
   */
  @Test
  void resizingTheCallersTerminalResizesTheContainers() throws Exception {
    Path bundle = terminalBundle("bundle", List.of("sh", "-c", "echo \"size $(stty size)\";"
        + " while [ \"$(stty size)\" = '24 80' ]; do sleep 0.1; done;"
        + " echo \"resized to $(stty size)\""));

    try (ScriptTerminal terminal = ScriptTerminal.start(dir, cli, "stty rows 24 cols 80;"
        + " \"$CAPSA\" --root \"$ROOT\" run --bundle " + bundle + " resized")) {
      terminal.awaitOutput("size 24 80");
      terminal.resize(WindowSize.of(50, 132));

      assertEquals(0, terminal.exitCode(), terminal.output());
      assertTrue(terminal.output().contains("resized to 50 132"), terminal.output());
    }
  }

  private static int value(ArchConstant... bits) {
    int value = 0;
    for (ArchConstant bit : bits) {
      value |= (int) Arch.current().constant(bit);
    }
    return value;
  }
}
