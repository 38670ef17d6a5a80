package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values the cgroup verbs read as runc reads them, and ps's table cut to a container. */
class CgroupFlagsTest {

  @Test
  void durationsAreGos() {
    assertEquals(Duration.ofSeconds(5), GoDuration.parse("5s"));
    assertEquals(Duration.ofMillis(250), GoDuration.parse("250ms"));
    assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
    assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
    assertEquals(Duration.ZERO, GoDuration.parse("0"));
    assertEquals(Duration.ofSeconds(-1), GoDuration.parse("-1s"));
    for (String wrong : new String[] {"5", "s", "5 s", "5sec", "", "--1s"}) {
      CliException failure = assertThrows(CliException.class, () -> GoDuration.parse(wrong));
      assertEquals("time: invalid duration \"" + wrong + "\"", failure.getMessage());
    }
  }

  @Test
  void memorySizesAreGoUnitsRamInBytes() {
    assertEquals(4096, RamBytes.parse("memory", "4096"));
    assertEquals(512L << 20, RamBytes.parse("memory", "512m"));
    assertEquals(512L << 20, RamBytes.parse("memory", "512MiB"));
    assertEquals(1L << 30, RamBytes.parse("memory", "1G"));
    assertEquals(3L << 29, RamBytes.parse("memory", "1.5g"));
    assertEquals(-1, RamBytes.parse("memory-swap", "-1"));
    CliException failure =
        assertThrows(CliException.class, () -> RamBytes.parse("memory", "lots"));
    assertEquals("invalid value for memory: invalid size: 'lots'", failure.getMessage());
  }

  @Test
  void whatFollowsPssContainerIdIsTheHostPssOptions() {
    CommandLineParser.Parsed line = CommandLineParser.parse(GlobalOptions.FLAGS, Capsa.VERBS,
        new String[] {"--root", "/r", "ps", "-f", "json", "web", "-o", "pid,comm", "--help"});

    assertEquals(null, line.problem());
    assertEquals("json", line.verbArguments().value(PsCommand.FORMAT).orElseThrow());
    assertEquals(List.of("web", "-o", "pid,comm", "--help"), line.verbArguments().positionals());
  }

  @Test
  void psKeepsTheHeaderAndTheContainersLines() {
    String ps = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 10:00 ?        00:00:01 /sbin/init
        root        4242    4240  0 10:01 ?        00:00:00 sleep 1000
        root        4243    4242  0 10:01 ?        00:00:00 sh -c x
        """;
    assertEquals("""
        UID          PID    PPID  C STIME TTY          TIME CMD
        root        4242    4240  0 10:01 ?        00:00:00 sleep 1000
        """, PsCommand.filter(ps, Set.of(4242)));
    CliException noPid = assertThrows(CliException.class,
        () -> PsCommand.filter("USER COMMAND\nroot init\n", Set.of(1)));
    assertEquals("couldn't find PID field in ps output", noPid.getMessage());
  }
}
