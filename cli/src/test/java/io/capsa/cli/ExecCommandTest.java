package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Capabilities;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How exec's flags change the container's process, as runc's getProcess does. */
class ExecCommandTest {
  private static final ProcessConfig CONTAINER = ProcessConfig.builder()
      .args(List.of("init")).env(List.of("PATH=/bin")).cwd("/srv").terminal(true)
      .user(new User(5L, 6L, null, List.of(7L), null, null))
      .capabilities(new Capabilities(List.of("CAP_KILL"), List.of("CAP_KILL"), null,
          List.of("CAP_KILL"), null))
      .build();

  private static Parsed parsed(String... args) {
    List<String> line = new ArrayList<>(List.of("exec"));
    line.addAll(List.of(args));
    CommandLineParser.Parsed parsed = CommandLineParser.parse(GlobalOptions.FLAGS, Capsa.VERBS,
        line.toArray(String[]::new));
    assertNull(parsed.problem());
    return new Parsed(parsed.verbArguments());
  }

  private record Parsed(Arguments arguments) {
    ProcessConfig fromFlags(ProcessConfig base) {
      return ExecCommand.fromFlags(arguments, base);
    }
  }

  @Test
  void theFlagsEndAtTheContainerIdAndTheCommandKeepsItsOwn() {
    Arguments arguments = parsed("-t", "web", "sh", "-c", "--tty", "-d").arguments();

    assertTrue(arguments.has(ExecCommand.TTY));
    assertFalse(arguments.has(ExecCommand.DETACH));
    assertEquals(List.of("web", "sh", "-c", "--tty", "-d"), arguments.positionals());
  }

  @Test
  void repeatedFlagsKeepEveryValue() {
    Arguments arguments = parsed("-e", "A=1", "--env=B=2", "-c", "CAP_KILL", "web", "sh")
        .arguments();

    assertEquals(List.of("A=1", "B=2"), arguments.values(ExecCommand.ENV));
    assertEquals(List.of("CAP_KILL"), arguments.values(ExecCommand.CAP));
  }

  @Test
  void anAdditionalGidThatIsNoNumberIsAUsageError() {
    UsageException e = assertThrows(UsageException.class,
        () -> parsed("-g", "wheel", "web", "id").fromFlags(CONTAINER));

    assertEquals("invalid value \"wheel\" for flag -additional-gids: parse error",
        e.getMessage());
  }

  @Test
  void withoutFlagsTheProcessIsTheContainersWithTheCommandAndNoTerminal() {
    ProcessConfig process = parsed("web", "sh", "-c", "true").fromFlags(CONTAINER);

    assertEquals(List.of("sh", "-c", "true"), process.args());
    assertEquals(Boolean.FALSE, process.terminal());
    assertEquals("/srv", process.cwd());
    assertEquals(List.of("PATH=/bin"), process.env());
    assertEquals(CONTAINER.user(), process.user());
    assertEquals(CONTAINER.capabilities(), process.capabilities());
  }

  @Test
  void flagsOverrideAndAddAsRuncs() {
    ProcessConfig process = parsed("-t", "--cwd", "/tmp", "-e", "A=1", "-e", "B=2",
        "-u", "1000:1001", "-g", "8", "-c", "CAP_SYS_ADMIN", "--no-new-privs",
        "--apparmor", "profile", "--process-label", "label", "web", "sh")
        .fromFlags(CONTAINER);

    assertEquals(Boolean.TRUE, process.terminal());
    assertEquals("/tmp", process.cwd());
    assertEquals(List.of("PATH=/bin", "A=1", "B=2"), process.env());
    assertEquals(1000L, process.user().uid());
    assertEquals(1001L, process.user().gid());
    assertEquals(List.of(7L, 8L), process.user().additionalGids());
    Capabilities caps = process.capabilities();
    assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), caps.bounding());
    assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), caps.effective());
    assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), caps.permitted());
    assertNull(caps.inheritable(), "never inheritable (crun's CVE-2022-27650)");
    assertNull(caps.ambient(), "ambient only where the process has inheritable ones");
    assertEquals(Boolean.TRUE, process.noNewPrivileges());
    assertEquals("profile", process.apparmorProfile());
    assertEquals("label", process.selinuxLabel());
  }

  @Test
  void aUidAloneKeepsTheContainersGid() {
    User user = parsed("-u", "1000", "web", "id").fromFlags(CONTAINER).user();

    assertEquals(1000L, user.uid());
    assertEquals(6L, user.gid());
  }

  @Test
  void aUserThatIsNoNumberIsRefusedWithRuncsWords() {
    CliException e = assertThrows(CliException.class,
        () -> parsed("-u", "nobody", "web", "id").fromFlags(CONTAINER));

    assertTrue(e.getMessage().startsWith("parsing nobody as int for uid failed"), e.getMessage());
  }
}
