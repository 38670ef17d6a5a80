package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** statx and the loads of its fields: rendered, and run against the kernel's /dev/null. */
class StatxTest {

  @Test
  void rendersFlagsMaskAndFields() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    Arg.BlobRef buffer = b.buffer((int) b.constant(SIZEOF_STRUCT_STATX));
    Step null3 = b.openat(Arg.fd((int) b.constant(AT_FDCWD)), "/dev/null",
        b.flags(O_PATH, O_CLOEXEC), 0);
    b.statx(null3, "", b.flags(AT_EMPTY_PATH), b.flags(STATX_TYPE), buffer);
    b.load(buffer, StatxField.RDEV_MAJOR);

    InitProgram program = b.build();

    assertEquals("statx($0, \"\", AT_EMPTY_PATH, STATX_TYPE, <buffer of 256 bytes>)",
        ProgramRenderer.call(program.op(1), Arch.X86_64));
    assertEquals("get the status of fd $0", program.op(1).description());
    assertEquals("load(<statx.stx_rdev_major>, 4 bytes)",
        ProgramRenderer.call(program.op(2), Arch.X86_64));
  }

  /** Exits 0 when /dev/null is the character device 1:3, else with the first failed check. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void loadsTheModeAndDeviceNumberOfDevNull(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.BlobRef buffer = b.buffer((int) b.constant(SIZEOF_STRUCT_STATX));
    b.statx(Arg.fd((int) b.constant(AT_FDCWD)), "/dev/null", 0, b.flags(STATX_TYPE), buffer);
    Label wrongType = b.label();
    Label wrongMajor = b.label();
    Label wrongMinor = b.label();
    Step mode = b.load(buffer, StatxField.MODE);
    b.jumpIf(mode, Condition.LT, b.constant(S_IFCHR), wrongType);
    b.jumpIf(mode, Condition.GE, b.constant(S_IFCHR) + 010000, wrongType);
    b.jumpIf(b.load(buffer, StatxField.RDEV_MAJOR), Condition.NE, 1, wrongMajor);
    b.jumpIf(b.load(buffer, StatxField.RDEV_MINOR), Condition.NE, 3, wrongMinor);
    b.exit(0);
    b.bind(wrongType);
    b.exit(1);
    b.bind(wrongMajor);
    b.exit(2);
    b.bind(wrongMinor);
    b.exit(3);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus(), result.toString());
  }
}
