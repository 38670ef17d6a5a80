package io.capsa.runtime.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Hook;
import io.capsa.sys.HostSyscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks of the runtime namespace, run for real with /bin/sh; no root needed. */
class HostHookRunnerTest {
  private static final byte[] STATE =
      "{\"ociVersion\":\"1.3.0\",\"id\":\"web\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final HostHookRunner runner = new HostHookRunner(HostSyscalls.get());

  private Hook shell(String script, List<String> env, Integer timeout) {
    return new Hook("/bin/sh", List.of("sh", "-c", script), env, timeout);
  }

  @Test
  void eachHookGetsTheStateOnStdinItsArgvAndOnlyItsEnv() throws Exception {
    Path log = dir.resolve("log");
    Hook first = new Hook("/bin/sh", List.of("first-hook", "-c",
        "tr '\\0' ' ' < /proc/$$/cmdline >> " + log + "; echo >> " + log), List.of(), null);
    Hook second = shell("echo \"$GREETING $(cat)\" >> " + log + "; env >> " + log,
        List.of("GREETING=hello"), 5);

    runner.run(HookPhase.PRESTART, List.of(first, second), STATE);

    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.get(0).startsWith("first-hook -c "), lines.get(0));
    assertEquals("hello {\"ociVersion\":\"1.3.0\",\"id\":\"web\"}", lines.get(1));
    List<String> environment = lines.subList(2, lines.size()).stream()
        .filter(line -> !line.startsWith("PWD=")).toList();
    assertEquals(List.of("GREETING=hello"), environment,
        "only the hook's own environment (and the PWD sh adds)");
  }

  @Test
  void aFailingHookStopsTheOthersAndItsOutputIsQuoted() {
    Path marker = dir.resolve("marker");
    HookFailedException failure = assertThrows(HookFailedException.class, () -> runner.run(
        HookPhase.CREATE_RUNTIME,
        List.of(shell("true", null, null), shell("echo cannot configure >&2; exit 3", null, null),
            shell("touch " + marker, null, null)), STATE));

    assertEquals("createRuntime hook 1 (/bin/sh) exited with 3: cannot configure",
        failure.getMessage());
    assertEquals(1, failure.index());
    assertTrue(Files.notExists(marker), "the hook after the failed one did not run");
  }

  @Test
  void aHookPastItsTimeoutIsKilled() {
    long start = System.nanoTime();
    HookFailedException failure = assertThrows(HookFailedException.class, () -> runner.run(
        HookPhase.POSTSTART, List.of(shell("sleep 20", null, 1)), STATE));

    assertEquals("poststart hook 0 (/bin/sh) timed out after 1s and was killed",
        failure.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L);
  }

  @Test
  void aHookThatCannotStartIsNamed() {
    HookFailedException failure = assertThrows(HookFailedException.class, () -> runner.run(
        HookPhase.PRESTART, List.of(new Hook("/nonexistent/hook")), STATE));

    assertTrue(failure.getMessage().startsWith("prestart hook 0 (/nonexistent/hook) could not"
        + " be started: "), failure.getMessage());
    assertTrue(failure.getMessage().contains("ENOENT"), failure.getMessage());
  }

  @Test
  void runAllGoesOnAfterFailuresAndReturnsThem() {
    Path marker = dir.resolve("marker");
    List<HookFailedException> failures = runner.runAll(HookPhase.POSTSTOP,
        List.of(shell("exit 1", null, null), shell("touch " + marker, null, null),
            shell("kill -9 $$", null, null)), STATE);

    assertEquals(List.of("poststop hook 0 (/bin/sh) exited with 1",
            "poststop hook 2 (/bin/sh) killed by signal 9"),
        failures.stream().map(Throwable::getMessage).toList());
    assertTrue(Files.exists(marker));
  }

  @Test
  void aHookThatIgnoresItsStdinIsFine() {
    byte[] large = new byte[1 << 20];
    runner.run(HookPhase.PRESTART, List.of(shell("exit 0", null, null)), large);
  }
}
