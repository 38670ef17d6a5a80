package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flags and failures of create and run through the real ./capsa: fds handed over, the log
 * file's JSON lines, and the errors callers match on.
 */
class CliOptionsTest extends CliTestSupport {
  private Path bundle(String name, String... args) throws Exception {
    return TestBundle.create(Files.createDirectory(dir.resolve(name)), List.of(args));
  }

  @Test
  void preservedFdsReachTheContainerWithTheirNumbers() throws Exception {
    Path bundle = bundle("fds", "sh", "-c", "cat <&3; cat <&4");
    Files.writeString(dir.resolve("three"), "three\n");
    Files.writeString(dir.resolve("four"), "four\n");
    CapsaProcess.Result run = cli.shell("""
        exec 3<three 4<four
        exec "$CAPSA" --root "$ROOT" run --preserve-fds 2 -b "%s" fds
        """.formatted(bundle));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("three\nfour\n", run.stdout());
  }

  @Test
  void fdsBeyondThePreservedOnesAreClosedInTheContainer() throws Exception {
    Path bundle = bundle("closed", "sh", "-c", "cat <&3; cat <&4 || echo 4 closed");
    Files.writeString(dir.resolve("three"), "three\n");
    CapsaProcess.Result run = cli.shell("""
        exec 3<three 4<three
        exec "$CAPSA" --root "$ROOT" run --preserve-fds 1 -b "%s" closed
        """.formatted(bundle));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("three\n4 closed\n", run.stdout());
  }

  @Test
  void socketActivationFdsComeFirstWithListenPidOne() throws Exception {
    Path bundle = bundle("listen", "sh", "-c",
        "echo LISTEN_FDS=$LISTEN_FDS LISTEN_PID=$LISTEN_PID; cat <&3; cat <&4");
    Files.writeString(dir.resolve("socket"), "socket\n");
    Files.writeString(dir.resolve("extra"), "extra\n");
    // exec keeps the shell's pid through the launcher into the JVM, which LISTEN_PID must name.
    CapsaProcess.Result run = cli.shell("""
        exec 3<socket 4<extra
        export LISTEN_FDS=1 LISTEN_PID=$$
        exec "$CAPSA" --root "$ROOT" run --preserve-fds 1 -b "%s" listen
        """.formatted(bundle));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("LISTEN_FDS=1 LISTEN_PID=1\nsocket\nextra\n", run.stdout());
  }

  @Test
  void aPreservedFdThatIsNotOpenIsAnError() throws Exception {
    Path bundle = bundle("nofd", "true");
    CapsaProcess.Result run = cli.capsa("run", "--preserve-fds", "1000", "-b", bundle.toString(), "nofd");
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("unable to stat preserved-fd"), run.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }

  @Test
  void aMissingExecutableIsReportedAtCreateInRuncsWords() throws Exception {
    Path bundle = bundle("missing", "no-such-program");
    CapsaProcess.Result create = cli.capsa("create", "-b", bundle.toString(), "missing");
    assertEquals(1, create.exitCode());
    assertTrue(create.stderr().contains(
        "exec: \\\"no-such-program\\\": executable file not found in $PATH"), create.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout(), "a failed create leaves nothing");
  }

  @Test
  void theLogFileGetsOneJsonObjectPerLineEndingWithTheError() throws Exception {
    Path bundle = bundle("logged", "no-such-program");
    Path log = dir.resolve("capsa.log");
    CapsaProcess.Result run = cli.capsa("--log", log.toString(), "--log-format", "json",
        "run", "-b", bundle.toString(), "logged");
    assertEquals(1, run.exitCode());
    assertEquals("", run.stderr(), "everything goes to the log file");
    List<String> lines = Files.readAllLines(log);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode entry = json.readTree(line);
      assertTrue(entry.get("level").isTextual() && entry.get("msg").isTextual()
          && entry.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), line);
    }
    JsonNode last = json.readTree(lines.get(lines.size() - 1));
    assertEquals("error", last.get("level").asText());
    assertTrue(last.get("msg").asText().contains("executable file not found in $PATH"), last.toString());
  }

  @Test
  void debugLinesAreInRuncsFormatToo() throws Exception {
    Path bundle = bundle("debugged", "true");
    Path log = dir.resolve("debug.log");
    CapsaProcess.Result run = cli.capsa("--debug", "--log", log.toString(), "run", "-b",
        bundle.toString(), "debugged");
    assertEquals(0, run.exitCode(), run.stderr() + (Files.exists(log) ? Files.readString(log) : ""));
    assertTrue(Files.readAllLines(log).stream().allMatch(line -> line.matches("time=\"\\S+\" level=\\w+ msg=\".*\"")),
        Files.readString(log));
  }

  @Test
  void aConsoleSocketWithoutATerminalIsRefusedAsRuncDoes() throws Exception {
    Path bundle = bundle("console", "true");
    CapsaProcess.Result create = cli.capsa("create", "--console-socket", dir.resolve("sock").toString(),
        "-b", bundle.toString(), "console");
    assertEquals(1, create.exitCode());
    assertTrue(create.stderr().contains("cannot use console socket if capsa will not detach or allocate tty"),
        create.stderr());
  }

  @Test
  void aConsoleSocketNobodyListensOnFailsTheCreateAndLeavesNothing() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("tty")), List.of("true"),
        spec -> TestBundle.withProcess(spec, process -> process.terminal(true)));
    Path socket = dir.resolve("sock");
    CapsaProcess.Result create = cli.capsa("create", "--console-socket", socket.toString(),
        "-b", bundle.toString(), "tty");
    assertEquals(1, create.exitCode());
    assertTrue(create.stderr().contains("connect to the console socket " + socket), create.stderr());
    assertTrue(create.stderr().contains("ENOENT"), create.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }

  @Test
  void systemdCgroupIsRefusedForCreate() throws Exception {
    Path bundle = bundle("systemd", "true");
    CapsaProcess.Result run = cli.capsa("--systemd-cgroup", "run", "-b", bundle.toString(), "systemd");
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("--systemd-cgroup is not supported"), run.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }
}
