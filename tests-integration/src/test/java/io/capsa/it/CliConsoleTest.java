package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.ConsoleSize;
import io.capsa.sys.Fd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminals of create and run through the real ./capsa: the master sent to --console-socket,
 * and a foreground run relaying the caller's terminal, which is restored afterwards.
 */
class CliConsoleTest {

  @TempDir Path dir;

  private CapsaCli cli;

  @BeforeEach
  void setUp() {
    Privileges.assumeRoot();
    cli = new CapsaCli(dir);
  }

  @AfterEach
  void removeContainers() throws Exception {
    if (cli != null) {
      cli.removeAll();
    }
  }

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
}
