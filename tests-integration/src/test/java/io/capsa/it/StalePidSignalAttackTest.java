package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.Signal;
import io.capsa.runtime.state.ContainerStateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals by a stale pid (security.md's other rules: signals go to a process known by pidfd
 * or by pid and start time, never to a bare pid that may have been reused). The container's
 * init dies behind the runtime's back, another process is made to get its pid (through
 * /proc/sys/kernel/ns_last_pid), and the container is then killed and deleted through ./capsa
 * and the library: the process that has the pid now is never signalled (root).
 */
class StalePidSignalAttackTest {
  @TempDir Path dir;
  private CapsaCli cli;
  private ProcessHandle impostor;

  @BeforeEach
  void setUp() {
    Privileges.assumeRoot();
    cli = new CapsaCli(dir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (impostor != null) {
      impostor.destroyForcibly();
    }
    if (cli != null) {
      cli.removeAll();
    }
  }

  /**
   * A sleep that got {@code pid}: ns_last_pid set just below it before bash forks the sleep.
   * Other processes of the host may take the pid first, so it is tried a number of times.
   */
  private static Optional<ProcessHandle> processWithPid(int pid) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      Process bash = new ProcessBuilder("bash", "-c", "echo " + (pid - 1)
          + " > /proc/sys/kernel/ns_last_pid && { sleep 1000 </dev/null >/dev/null 2>&1 &"
          + " echo $!; }").redirectErrorStream(true).start();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(bash.waitFor(30, TimeUnit.SECONDS) && bash.exitValue() == 0, output);
      ProcessHandle sleep = ProcessHandle.of(Long.parseLong(output.trim())).orElseThrow();
      if (sleep.pid() == pid) {
        return Optional.of(sleep);
      }
      sleep.destroyForcibly();
    }
    return Optional.empty();
  }

  @Test
  void aKillAfterTheInitDiedNeverReachesTheProcessThatGotItsPid() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"));
    cli.ok("run", "--detach", "--bundle", bundle.toString(), "stale");
    int pid = cli.state("stale").get("pid").asInt();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    for (int i = 0; i < 400 && Files.exists(Path.of("/proc/" + pid)); i++) {
      Thread.sleep(25);
    }
    impostor = processWithPid(pid).orElse(null);
    assumeTrue(impostor != null, "no process of this test got pid " + pid + " in 200 tries:"
        + " the host is making processes too fast");

    CapsaProcess.Result kill = cli.capsa("kill", "stale", "KILL");
    assertEquals(1, kill.exitCode(), kill.stderr());
    assertTrue(kill.stderr().contains("container not running"), kill.stderr());
    assertEquals("stopped", cli.state("stale").get("status").asText());
    cli.capsa("kill", "--all", "stale", "KILL");
    ContainerRuntime library = ContainerRuntime.builder().root(cli.root()).build();
    assertThrows(ContainerStateException.class,
        () -> library.load("stale").kill(Signal.KILL));
    cli.ok("delete", "--force", "stale");

    Thread.sleep(200);
    assertTrue(impostor.isAlive(), "pid " + pid + " now belongs to another process, which was"
        + " signalled");
  }
}
