package io.capsa.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fork-exec-wait op that runs hooks. */
class ForkExecWaitTest {
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

  @ParameterizedTest
  @EnumSource(Arch.class)
  void deliversTheBytesOnStdinAndGoesOnAfterExitZero(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.forkExecWait("/bin/sh", List.of("sh", "-c", "echo \"got $(cat)\""), ENV,
        "{\"id\":\"web\"}".getBytes(StandardCharsets.UTF_8), 10);
    b.write(Arg.fd(1), "after the hook\n");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("got {\"id\":\"web\"}\nafter the hook\n", result.stdout(), result.stderr());
    assertEquals(0, result.exitStatus());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void stdinCanBeBytesTheProgramReceivedWhileRunning(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    FdPair pipe = b.pipe2(0);
    b.write(pipe.writeEnd(), "{\"pid\":42}");
    Arg.BlobRef received = b.buffer(64);
    Step length = b.read(pipe.readEnd(), received, 64);
    b.forkExecWait("/bin/sh", List.of("sh", "-c", "echo \"got $(cat)\""), ENV, received, length,
        10);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("got {\"pid\":42}\n", result.stdout(), result.stderr());
    assertEquals(0, result.exitStatus());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void stdinLargerThanADefaultPipeArrivesWhole(Arch arch) {
    byte[] state = new byte[300_000];
    Arrays.fill(state, (byte) 'x');
    InitProgramBuilder b = InitProgram.builder(arch);
    b.forkExecWait("/bin/sh", List.of("sh", "-c", "wc -c"), ENV, state, 0);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("300000", result.stdout().trim(), result.stderr());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aNonZeroExitFailsTheOpWithECHILDAndTheWaitStatus(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step hook = b.forkExecWait("/bin/sh", List.of("sh", "-c", "exit 3"), ENV, new byte[0], 0);
    b.write(Arg.fd(1), "not reached");
    InitProgram program = b.build();

    CapsaInitProcess.Result result = CapsaInitProcess.run(program);

    assertEquals(new InitFailure(hook.index(), Errno.ECHILD.number(arch), 3 << 8),
        result.failureRecord());
    assertEquals("run /bin/sh (op 0, fork-exec-wait): exited with status 3",
        result.failureRecord().describe(program));
    assertEquals("", result.stdout());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aToleratedFailureGoesOn(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.forkExecWait("/bin/sh", List.of("sh", "-c", "exit 1"), ENV, new byte[0], 0)
        .tolerating(Errno.ECHILD);
    b.write(Arg.fd(1), "went on");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("went on", result.stdout());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aChildRunningPastItsTimeoutIsKilled(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step hook = b.forkExecWait("/bin/sleep", List.of("sleep", "20"), ENV, new byte[0], 1);
    InitProgram program = b.build();
    long start = System.nanoTime();

    CapsaInitProcess.Result result = CapsaInitProcess.run(program);

    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(new InitFailure(hook.index(), Errno.ETIMEDOUT.number(arch), 9),
        result.failureRecord(), "wait status 9: killed by SIGKILL");
    assertTrue(seconds < 10, "took " + seconds + "s");
    assertEquals("run /bin/sleep (op 0, fork-exec-wait): timed out and was killed",
        result.failureRecord().describe(program));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anExecFailureInTheChildIsTheOpsErrno(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step hook = b.forkExecWait("/nonexistent/hook", List.of("hook"), ENV, new byte[0], 5);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(new InitFailure(hook.index(), Errno.ENOENT.number(arch), 0),
        result.failureRecord());
  }
}
