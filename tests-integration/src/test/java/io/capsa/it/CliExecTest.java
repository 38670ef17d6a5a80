package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Fd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code capsa exec} through the real ./capsa, with runc's flags, statuses and words. */
class CliExecTest extends CliTestSupport {
  @BeforeEach
  void runningContainer() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"));
    CapsaProcess.Result run = cli.capsa("run", "--detach", "--bundle", bundle.toString(), "web");
    assertEquals(0, run.exitCode(), run.stderr());
  }

  private CapsaProcess.Result exec(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("exec"));
    command.addAll(List.of(args));
    return cli.capsa(command.toArray(String[]::new));
  }

  @Test
  void anExecSeesTheContainersPidNamespaceAndHostname() throws Exception {
    CapsaProcess.Result exec = exec("web", "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; hostname");

    assertEquals(0, exec.exitCode(), exec.stderr());
    assertEquals("sleep 1000 runc\n", exec.stdout());
  }

  @Test
  void theExitStatusIsTheProcesss() throws Exception {
    assertEquals(7, exec("web", "sh", "-c", "exit 7").exitCode());
    assertEquals(128 + 9, exec("web", "sh", "-c", "kill -9 $$").exitCode());
  }

  @Test
  void userGroupsEnvironmentAndWorkingDirectoryComeFromTheFlags() throws Exception {
    CapsaProcess.Result exec = exec("--user", "1000:1001", "--additional-gids", "1002",
        "-e", "GREETING=hello", "--cwd", "/tmp", "web",
        "sh", "-c", "id -u; id -G; echo $GREETING; pwd; echo $PATH");

    assertEquals(0, exec.exitCode(), exec.stderr());
    List<String> lines = exec.stdout().lines().toList();
    assertEquals("1000", lines.get(0));
    assertEquals("1001 1002", lines.get(1));
    assertEquals("hello", lines.get(2));
    assertEquals("/tmp", lines.get(3));
    assertTrue(lines.get(4).contains("/bin"), "the container's own env is kept: " + lines);
  }

  @Test
  void capAddsACapabilityToTheContainersSets() throws Exception {
    long without = effective(exec("web", "grep", "^CapEff", "/proc/self/status"));
    long with = effective(exec("--cap", "CAP_SYS_ADMIN", "web",
        "grep", "^CapEff", "/proc/self/status"));

    assertEquals(0, without & (1L << 21), "runc's example config has no CAP_SYS_ADMIN");
    assertEquals(without | (1L << 21), with);
  }

  private static long effective(CapsaProcess.Result exec) {
    assertEquals(0, exec.exitCode(), exec.stderr());
    return Long.parseLong(exec.stdout().trim().split("\\s+")[1], 16);
  }

  @Test
  void aProcessFileIsExecdAsItIs() throws Exception {
    Path process = dir.resolve("process.json");
    Files.writeString(process, "{\"args\": [\"sh\", \"-c\", \"echo $A; id -u\"],"
        + " \"env\": [\"A=from-file\"], \"cwd\": \"/\", \"user\": {\"uid\": 33, \"gid\": 33}}");

    CapsaProcess.Result exec = exec("--process", process.toString(), "web");

    assertEquals(0, exec.exitCode(), exec.stderr());
    assertEquals("from-file\n33\n", exec.stdout());
  }

  @Test
  void detachedItReturnsAtOnceAndWritesThePidFile() throws Exception {
    Path pidFile = dir.resolve("exec.pid");
    CapsaProcess.Result exec = exec("--detach", "--pid-file", pidFile.toString(), "web",
        "sleep", "1000");

    assertEquals(0, exec.exitCode(), exec.stderr());
    int pid = Integer.parseInt(Files.readString(pidFile));
    assertEquals("sleep\0001000\0", Files.readString(Path.of("/proc/" + pid + "/cmdline")));
  }

  @Test
  void aStoppedContainerIsRefusedWithRuncsWords() throws Exception {
    assertEquals(0, cli.capsa("kill", "web", "KILL").exitCode());
    for (int i = 0; i < 200 && !cli.state("web").get("status").asText().equals("stopped"); i++) {
      Thread.sleep(25);
    }

    CapsaProcess.Result exec = exec("web", "true");

    assertEquals(1, exec.exitCode());
    assertTrue(exec.stderr().contains("cannot exec in a stopped container"), exec.stderr());
  }

  @Test
  void aMissingCommandIsReportedAsRuncDoes() throws Exception {
    CapsaProcess.Result exec = exec("web", "no-such-program");

    assertEquals(1, exec.exitCode());
    assertTrue(exec.stderr().contains("executable file not found in $PATH"), exec.stderr());
  }

  @Test
  void aDetachedTerminalsMasterGoesToTheConsoleSocket() throws Exception {
    try (ConsoleSocketListener listener = ConsoleSocketListener.at(dir.resolve("tty.sock"))) {
      CapsaProcess.Result exec = exec("--tty", "--detach", "--console-socket",
          listener.path().toString(), "web", "sh");
      assertEquals(0, exec.exitCode(), exec.stderr());

      try (Fd master = listener.receiveMaster()) {
        String shown = PtyMaster.converse(master, "tty; exit\n");
        assertTrue(shown.contains("/dev/pts/"), shown);
      }
    }
  }

  @Test
  void aConsoleSocketWithoutDetachIsRefused() throws Exception {
    CapsaProcess.Result exec = exec("--tty", "--console-socket", dir.resolve("s").toString(),
        "web", "true");

    assertEquals(1, exec.exitCode());
    assertTrue(exec.stderr().contains("cannot use console socket"), exec.stderr());
  }

  @Test
  void aForegroundTerminalIsTheCallersOfTheCallersSize() throws Exception {
    CapsaProcess.Result script = cli.shell("stty -F /dev/null 2>/dev/null;"
        + " script -qec \"stty rows 33 cols 99; \\\"$CAPSA\\\" --root $ROOT exec -t web"
        + " sh -c 'stty size; tty; exit 6'\" /dev/null");

    assertEquals(6, script.exitCode(), script.stdout() + script.stderr());
    assertTrue(script.stdout().contains("33 99"), script.stdout());
    assertTrue(script.stdout().contains("/dev/pts/"), script.stdout());
  }

  @Test
  void preservedFdsAndSocketActivationReachTheProcess() throws Exception {
    CapsaProcess.Result exec = cli.shell("exec 3>" + dir.resolve("fd3.out") + ";"
        + " LISTEN_FDS=1 LISTEN_PID=$$ exec \"$CAPSA\" --root \"$ROOT\" exec --preserve-fds 0"
        + " web sh -c 'echo $LISTEN_FDS $LISTEN_PID; echo activated >&3'");

    assertEquals(0, exec.exitCode(), exec.stderr());
    assertEquals("1 1\n", exec.stdout());
    assertEquals("activated\n", Files.readString(dir.resolve("fd3.out")));
  }
}
