package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code capsa sandbox} reads its command line; running it needs root (tests-integration). */
class SandboxCommandTest {

  private static CommandLineParser.Parsed parse(String... args) {
    return CommandLineParser.parse(GlobalOptions.FLAGS, Capsa.VERBS, args);
  }

  private final StringWriter err = new StringWriter();

  private int capsa(String... args) {
    return Capsa.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
  }

  @Test
  void optionsBeforeTheCommandAreTheSandboxsAndEverythingFromItTheCommands() {
    CommandLineParser.Parsed line = parse("--root", "/r", "sandbox", "-v", "/a:/a", "--volume",
        "/b:/b:ro", "-e", "A=1", "--env=B=2", "-w", "/tmp", "--hostname", "box", "--net", "host",
        "--memory", "256m", "--pids", "64", "--reaper", "-t", "ls", "-l", "-v", "--net", "none");

    assertNull(line.problem());
    assertEquals("sandbox", line.verb().name());
    Arguments sandbox = line.verbArguments();
    assertEquals(List.of("/a:/a", "/b:/b:ro"), sandbox.values(SandboxCommand.VOLUME));
    assertEquals(List.of("A=1", "B=2"), sandbox.values(SandboxCommand.ENV));
    assertEquals("/tmp", sandbox.value(SandboxCommand.CWD).orElseThrow());
    assertEquals("box", sandbox.value(SandboxCommand.HOSTNAME).orElseThrow());
    assertEquals("host", sandbox.value(SandboxCommand.NET).orElseThrow());
    assertEquals("256m", sandbox.value(SandboxCommand.MEMORY).orElseThrow());
    assertEquals("64", sandbox.value(SandboxCommand.PIDS).orElseThrow());
    assertTrue(sandbox.has(SandboxCommand.REAPER));
    assertTrue(sandbox.has(SandboxCommand.TTY));
    assertEquals(List.of("ls", "-l", "-v", "--net", "none"), sandbox.positionals());
    assertEquals("/r", line.globals().value(GlobalOptions.ROOT).orElseThrow());
  }

  @Test
  void aDoubleDashEndsTheOptionsAsWell() {
    Arguments sandbox = parse("sandbox", "--", "-weird-name", "--help").verbArguments();

    assertEquals(List.of("-weird-name", "--help"), sandbox.positionals());
    assertTrue(sandbox.values(SandboxCommand.VOLUME).isEmpty());
  }

  @Test
  void withoutACommandItFailsWithUsage() {
    assertEquals(1, capsa("sandbox", "--net", "none"));

    assertTrue(err.toString().contains("capsa: \\\"sandbox\\\" requires a minimum of 1 "
        + "argument(s)"), err.toString());
    assertTrue(err.toString().contains("Usage: capsa sandbox [command options] [--] CMD"),
        err.toString());
  }

  @Test
  void valuesThatAreNoValuesAreUsageErrors() {
    assertEquals(1, capsa("sandbox", "--net", "bridge", "true"));
    assertEquals(1, capsa("sandbox", "--memory", "lots", "true"));
    assertEquals(1, capsa("sandbox", "--pids", "many", "true"));

    String errors = err.toString();
    assertTrue(errors.contains("invalid value \\\"bridge\\\" for flag -net: none or host"), errors);
    assertTrue(errors.contains("invalid value for --memory: invalid size: 'lots'"), errors);
    assertTrue(errors.contains("invalid value \\\"many\\\" for flag -pids: parse error"), errors);
  }

  @Test
  void aBadVolumeIsRefusedBeforeAnythingIsMadeNamingIt() {
    assertEquals(1, capsa("sandbox", "-v", "relative:/x", "--", "true"));

    assertTrue(err.toString().contains("invalid volume \\\"relative:/x\\\": the source "
        + "\\\"relative\\\" must be an absolute path"), err.toString());
  }

  @Test
  void theHelpListsTheOptions() {
    StringWriter out = new StringWriter();
    assertEquals(0, Capsa.execute(new String[] {"sandbox", "--help"}, new PrintWriter(out),
        new PrintWriter(err)));

    assertTrue(out.toString().contains("-v, --volume SRC:DST[:ro]"), out.toString());
    assertTrue(out.toString().contains("--net none|host"), out.toString());
  }
}
