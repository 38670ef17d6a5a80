package io.capsa.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitFailureTest {

  @Test
  void anEmptyChannelMeansSuccess() {
    assertEquals(Optional.empty(), InitFailure.fromChannel(new byte[0]));
  }

  @Test
  void aRecordIsThreeNativeInts() {
    byte[] record = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
        .putInt(4).putInt(1).putInt(0).array();

    assertEquals(Optional.of(new InitFailure(4, 1, 0)), InitFailure.fromChannel(record));
  }

  @Test
  void aPartialRecordIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InitFailure.fromChannel(new byte[5]));
    assertEquals("capsa-init's error channel held 5 bytes, not whole records of 12",
        e.getMessage());
  }

  @Test
  void ofTwoRecordsFromForkedProcessesTheFirstCounts() {
    byte[] records = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder())
        .putInt(2).putInt(13).putInt(0).putInt(3).putInt(1).putInt(0).array();

    assertEquals(Optional.of(new InitFailure(2, 13, 0)), InitFailure.fromChannel(records));
  }

  @Test
  void describesTheFailedOpWithItsDescriptionSyscallAndErrno() {
    InitProgramBuilder b = InitProgram.builder(Arch.PPC64LE);
    b.unshare(0);
    b.mount("proc", "/proc", "proc", 0, null);
    InitProgram program = b.build();

    assertEquals("mount proc on /proc (op 1, mount): EPERM (Operation not permitted)",
        new InitFailure(1, Errno.EPERM.number(Arch.PPC64LE), 0).describe(program));
    assertEquals("capsa-init reported op 9, which the program does not have: EPERM (Operation"
        + " not permitted)", new InitFailure(9, 1, 0).describe(program));
  }

  @Test
  void describesHowAHookEnded() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    b.forkExecWait("/hook", List.of("hook"), List.of(), new byte[0], 5);
    InitProgram program = b.build();
    int echild = Errno.ECHILD.number(Arch.X86_64);

    assertEquals("run /hook (op 0, fork-exec-wait): exited with status 2",
        new InitFailure(0, echild, 2 << 8).describe(program));
    assertEquals("run /hook (op 0, fork-exec-wait): killed by SIGSEGV",
        new InitFailure(0, echild, 11).describe(program));
    assertEquals("run /hook (op 0, fork-exec-wait): ENOENT (No such file or directory)",
        new InitFailure(0, Errno.ENOENT.number(Arch.X86_64), 0).describe(program));
  }

  @Test
  void describesARefusedProgram() {
    InitProgram program = InitProgram.builder(Arch.X86_64).build();

    assertEquals("capsa-init refused the program: program truncated, or longer than its header"
        + " says: EINVAL (Invalid argument)",
        new InitFailure(-1, 22, InitFailure.Refusal.SIZE_MISMATCH.code()).describe(program));
  }
}
