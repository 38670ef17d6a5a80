package io.capsa.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The PID-1 reaper op, with a shell as the container's main process. */
class ReaperTest {
  @TempDir Path temp;

  private static InitProgram reaperRunning(Arch arch, String script, String... args) {
    return reaperRunning(arch, false, script, args);
  }

  private static InitProgram reaperRunning(Arch arch, boolean subreaper, String script,
      String... args) {
    InitProgramBuilder b = InitProgram.builder(arch);
    if (subreaper) {
      b.setChildSubreaper();
    }
    b.reaper();
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    argv.addAll(List.of(args));
    b.execve("/bin/sh", argv, List.of("PATH=/usr/bin:/bin"));
    return b.build();
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void exitsWithTheExitStatusOfItsChild(Arch arch) {
    CapsaInitProcess.Result result = CapsaInitProcess.run(reaperRunning(arch, "exit 5"));

    assertEquals(5, result.exitStatus(), result.stderr());
    assertTrue(result.failure().isEmpty(), "the child's exec must signal success");
  }

  /**
   * The reaper holds no fd but stdio: not the error channel, whose closing on the child's exec
   * tells the host the container process started, nor any other the host passed. The child
   * goes on only once the reaper has closed them, so its process never sees them in its parent
   * (a child that ran first under load used to list 4 and 7 here).
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void keepsOnlyStdioSoTheChildsExecClosesTheErrorChannel(Arch arch) {
    InitProgram program = reaperRunning(arch, "ls /proc/$PPID/fd | tr '\\n' ' '");

    CapsaInitProcess.Result result = CapsaInitProcess.start(arch, program.encode(),
        CapsaInitProcess.Launch.PLAIN.withArguments(List.of(), "7</dev/null")).await();

    assertEquals("0 1 2 ", result.stdout(), result.toString());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void exits128PlusTheSignalThatKilledItsChild(Arch arch) {
    CapsaInitProcess.Result result = CapsaInitProcess.run(reaperRunning(arch, "kill -KILL $$"));

    assertEquals(128 + 9, result.exitStatus(), result.stderr());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void forwardsSignalsToItsChild(Arch arch) throws Exception {
    CapsaInitProcess init = CapsaInitProcess.start(reaperRunning(arch,
        "trap 'exit 42' USR1; trap 'exit 43' TERM; echo ready; while :; do sleep 0.05; done"));
    init.awaitStdout("ready");

    new ProcessBuilder("kill", "-USR1", Long.toString(init.pid())).start().waitFor();

    assertEquals(42, init.await().exitStatus());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aSignalTheChildDoesNotHandleKillsIt(Arch arch) throws Exception {
    CapsaInitProcess init = CapsaInitProcess.start(reaperRunning(arch,
        "echo ready; while :; do sleep 0.05; done"));
    init.awaitStdout("ready");

    new ProcessBuilder("kill", "-TERM", Long.toString(init.pid())).start().waitFor();

    assertEquals(128 + 15, init.await().exitStatus());
  }

  /**
   * The main process: a shell whose own child backgrounds a grandchild and exits, orphaning it.
   * It checks that the orphan was reparented to its parent (the reaper) and, once the orphan
   * has died, that it is gone rather than a zombie.
   */
  private static final String ORPHANING_SCRIPT = String.join("\n",
      "sh -c 'sleep 0.3 >/dev/null 2>&1 & echo $!' > \"$1\"",
      "orphan=$(cat \"$1\")",
      "parent=$(awk '/^PPid/ {print $2}' /proc/$orphan/status)",
      "[ \"$parent\" = \"$PPID\" ] && echo reparented to the reaper",
      "sleep 1.5",
      "if [ -e /proc/$orphan ]; then grep ^State /proc/$orphan/status; exit 1; fi",
      "echo reaped");

  @ParameterizedTest
  @EnumSource(Arch.class)
  void reapsOrphansAsChildSubreaper(Arch arch) {
    assumeTrue(arch == Arch.current(),
        "qemu-user refuses prctl(PR_SET_CHILD_SUBREAPER) with EINVAL");
    InitProgram program = reaperRunning(arch, true, ORPHANING_SCRIPT,
        temp.resolve("orphan").toString());

    CapsaInitProcess.Result result = CapsaInitProcess.run(program);

    assertEquals("reparented to the reaper\nreaped\n", result.stdout(), result.toString());
    assertEquals(0, result.exitStatus());
  }

  /** As PID 1 of a new PID namespace, where a container's init runs; needs root. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void reapsOrphansAsPid1(Arch arch) throws Exception {
    assumeTrue(canUnsharePidNamespace(), "needs root and unshare(1) to make a PID namespace");
    InitProgram program = reaperRunning(arch, ORPHANING_SCRIPT,
        temp.resolve("orphan").toString());

    CapsaInitProcess.Result result = CapsaInitProcess.start(arch, program.encode(),
        CapsaInitProcess.Launch.PLAIN.withWrapper("unshare --pid --fork --mount-proc"))
        .await();

    assertEquals("reparented to the reaper\nreaped\n", result.stdout(), result.toString());
    assertEquals(0, result.exitStatus());
  }

  private static boolean canUnsharePidNamespace() throws Exception {
    Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    return probe.waitFor() == 0;
  }
}
