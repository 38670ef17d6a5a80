package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.rootfs.SandboxOptions.Network;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** How {@code capsa sandbox} reads its command line; running it needs root (tests-integration). */
class SandboxCommandTest {

  private static SandboxCommand parse(String... args) {
    CommandLine capsa = new CommandLine(new Capsa()).setCaseInsensitiveEnumValuesAllowed(true);
    ParseResult result = capsa.parseArgs(args);
    return (SandboxCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void everyOptionBeforeTheCommandIsTheSandboxsAndEverythingFromItTheCommands() {
    SandboxCommand sandbox = parse("sandbox", "-v", "/a:/a", "--volume", "/b:/b:ro", "-e", "A=1",
        "--env", "B=2", "-w", "/tmp", "--hostname", "box", "--net", "host", "--memory", "256m",
        "--pids", "64", "--reaper", "ls", "-l", "-v", "--net", "none");

    assertEquals(List.of("/a:/a", "/b:/b:ro"), sandbox.volumes);
    assertEquals(List.of("A=1", "B=2"), sandbox.env);
    assertEquals("/tmp", sandbox.cwd);
    assertEquals("box", sandbox.hostname);
    assertEquals(Network.HOST, sandbox.network);
    assertEquals(256L << 20, sandbox.memory.bytes());
    assertEquals(64L, sandbox.pids);
    assertTrue(sandbox.reaper);
    assertEquals(List.of("ls", "-l", "-v", "--net", "none"), sandbox.command);
  }

  @Test
  void aDoubleDashEndsTheOptionsAsWell() {
    SandboxCommand sandbox = parse("sandbox", "--", "-weird-name", "--help");

    assertEquals(List.of("-weird-name", "--help"), sandbox.command);
    assertEquals(Network.NONE, sandbox.network);
  }

  @Test
  void withoutACommandItFailsWithUsage() {
    StringWriter err = new StringWriter();
    int status = Capsa.execute(new String[] {"sandbox", "--net", "none"},
        new PrintWriter(new StringWriter()), new PrintWriter(err, true));

    assertEquals(1, status);
    assertTrue(err.toString().contains("Missing required parameter: 'CMD'"), err.toString());
    assertTrue(err.toString().contains("Usage: capsa sandbox"), err.toString());
  }

  @Test
  void aBadValueIsRefusedBeforeAnythingRunsNamingTheOption() {
    StringWriter err = new StringWriter();
    int status = Capsa.execute(new String[] {"sandbox", "-v", "relative:/x", "--", "true"},
        new PrintWriter(new StringWriter()), new PrintWriter(err, true));

    assertEquals(1, status);
    assertTrue(err.toString().contains("invalid volume \\\"relative:/x\\\": the source "
        + "\\\"relative\\\" must be an absolute path"), err.toString());
  }
}
