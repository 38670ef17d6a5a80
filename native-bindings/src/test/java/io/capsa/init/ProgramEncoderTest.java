package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The binary layout of src/main/c/FORMAT.md, read back field by field. */
class ProgramEncoderTest {

  /** An encoded image with accessors for the parts FORMAT.md defines. */
  private record Image(ByteBuffer bytes) {
    static Image of(InitProgram program) {
      return new Image(ByteBuffer.wrap(program.encode()).order(ByteOrder.LITTLE_ENDIAN));
    }

    int header(int field) {
      return bytes.getInt(4 * field);
    }

    int opAt(int index) {
      return ProgramFormat.HEADER_SIZE + ProgramFormat.OP_SIZE * index;
    }

    int opWord(int index, int word) {
      return bytes.getInt(opAt(index) + 4 * word);
    }

    int kind(int index, int arg) {
      return bytes.get(opAt(index) + 16 + arg);
    }

    long arg(int index, int arg) {
      return bytes.getLong(opAt(index) + 24 + 8 * arg);
    }

    int relocation(int entry) {
      return bytes.getInt(opAt(header(3)) + 4 * entry);
    }

    int blobAt() {
      int relocationsEnd = opAt(header(3)) + 4 * header(4);
      return (relocationsEnd + 7) / 8 * 8;
    }

    String stringAt(long blobOffset) {
      int start = blobAt() + (int) blobOffset;
      int end = start;
      while (bytes.get(end) != 0) {
        end++;
      }
      return new String(bytes.array(), start, end - start, StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theHeaderNamesFormatArchitectureAndSizes(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.execve("/bin/true", List.of("true"), List.of());
    InitProgram program = b.build();
    Image image = Image.of(program);

    assertEquals("CPSI", new String(program.encode(), 0, 4, StandardCharsets.US_ASCII));
    assertEquals(ProgramFormat.VERSION, image.header(1));
    assertEquals(arch.auditArch(), image.header(2));
    assertEquals(1, image.header(3), "ops");
    assertEquals(1, image.header(4), "relocations: argv[0]");
    assertEquals(program.encode().length, image.blobAt() + image.header(5), "blob size");
  }

  @Test
  void syscallNumbersAndConstantsComeFromTheProgramsArchitecture() {
    for (Arch arch : Arch.values()) {
      InitProgramBuilder b = InitProgram.builder(arch);
      b.mount("proc", "/proc", "proc", b.flags(MS_NOSUID), null);
      b.openat(Arg.fd(3), "dir", b.flags(O_DIRECTORY), 0);
      Image image = Image.of(b.build());

      assertEquals(OpCode.SYSCALL.wireCode(), image.opWord(0, 0));
      assertEquals(arch.syscall(Syscall.MOUNT), image.opWord(0, 1));
      assertEquals(arch.syscall(Syscall.OPENAT), image.opWord(1, 1));
      assertEquals(arch.constant(O_DIRECTORY), image.arg(1, 2));
    }
    assertEquals(165, Arch.X86_64.syscall(Syscall.MOUNT));
    assertEquals(21, Arch.PPC64LE.syscall(Syscall.MOUNT));
  }

  @Test
  void argumentsAreImmediatesBlobOffsetsOrSlots() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    Step fd = b.openat(Arg.fd(-100), "/etc", 0, 0);
    b.fchdir(fd);
    Image image = Image.of(b.build());

    assertEquals(ProgramFormat.ARG_IMMEDIATE, image.kind(0, 0));
    assertEquals(-100, image.arg(0, 0));
    assertEquals(ProgramFormat.ARG_BLOB, image.kind(0, 1));
    assertEquals("/etc", image.stringAt(image.arg(0, 1)));
    assertEquals(ProgramFormat.ARG_SLOT, image.kind(1, 0));
    assertEquals(0, image.arg(1, 0));
    for (int unused = 1; unused < Op.MAX_ARGS; unused++) {
      assertEquals(ProgramFormat.ARG_IMMEDIATE, image.kind(1, unused));
      assertEquals(0, image.arg(1, unused));
    }
  }

  @Test
  void pointersInsideTheBlobAreListedAsRelocations() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    b.execve("/bin/sh", List.of("sh", "-c", "true"), List.of("A=1"));
    Image image = Image.of(b.build());
    long argv = image.arg(0, 1);
    long envp = image.arg(0, 2);

    assertEquals(4, image.header(4));
    assertEquals(List.of((int) argv, (int) argv + 8, (int) argv + 16, (int) envp),
        List.of(image.relocation(0), image.relocation(1), image.relocation(2),
            image.relocation(3)));
    long secondArg = image.bytes().getLong(image.blobAt() + (int) argv + 8);
    assertEquals("-c", image.stringAt(secondArg));
    assertEquals(0, image.bytes().getLong(image.blobAt() + (int) argv + 24), "NULL terminator");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void toleratedErrnosAreListedInTheBlobInTheArchitecturesNumbers(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.mkdirat(Arg.fd(3), "a", 0755);
    b.mkdirat(Arg.fd(3), "b", 0755).tolerating(Errno.EEXIST, Errno.EDEADLOCK);
    Image image = Image.of(b.build());

    assertEquals(0, image.opWord(0, 3), "no errno tolerated");
    assertEquals(2, image.opWord(1, 3));
    int at = image.blobAt() + image.opWord(1, 2);
    assertEquals(List.of(Errno.EEXIST.number(arch), Errno.EDEADLOCK.number(arch)),
        List.of(image.bytes().getInt(at), image.bytes().getInt(at + 4)));
  }

  @Test
  void jumpsCarryTheirConditionAndTargetLoadsAndStoresTheirWidth() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    Step value = b.load(b.buffer(8), 8);
    Label end = b.label();
    b.jumpIf(value, Condition.GE, 5, end);
    b.store(value, b.buffer(4), 4);
    b.bind(end);
    Image image = Image.of(b.build());

    assertEquals(OpCode.LOAD.wireCode(), image.opWord(0, 0));
    assertEquals(8, image.opWord(0, 1));
    assertEquals(OpCode.JUMP.wireCode(), image.opWord(1, 0));
    assertEquals(Condition.GE.wireCode(), image.opWord(1, 1));
    assertEquals(List.of(0L, 5L, 3L), List.of(image.arg(1, 0), image.arg(1, 1), image.arg(1, 2)));
    assertEquals(4, image.opWord(2, 1));
  }

  @Test
  void aProgramTooLargeForCapsaInitIsRefusedWhenBuilt() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    b.write(Arg.fd(1), new byte[ProgramFormat.MAX_PROGRAM_BYTES]);

    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertEquals("the program encodes to 4194400 bytes, more than the 4194304 capsa-init reads",
        e.getMessage());
  }
}
