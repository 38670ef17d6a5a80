package io.capsa.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Images capsa-init must refuse before running any op (op index -1 records). */
class RefusalTest {

  private static byte[] validImage(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.write(Arg.fd(1), "ran");
    b.exit(0);
    return b.build().encode();
  }

  private static CapsaInitProcess.Result runImage(Arch arch, byte[] image) {
    return CapsaInitProcess.start(arch, image, CapsaInitProcess.Launch.PLAIN).await();
  }

  private static void assertRefused(CapsaInitProcess.Result result, Errno errno,
      InitFailure.Refusal reason) {
    assertEquals(new InitFailure(-1, errno.number(result.arch()), reason.code()),
        result.failureRecord());
    assertEquals(InitFailure.EXIT_STATUS, result.exitStatus());
    assertEquals("", result.stdout(), "no op may run");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aProgramForAnotherArchitecture(Arch arch) {
    Arch other = arch == Arch.X86_64 ? Arch.PPC64LE : Arch.X86_64;

    CapsaInitProcess.Result result = runImage(arch, validImage(other));

    assertRefused(result, Errno.ENOEXEC, InitFailure.Refusal.WRONG_ARCH);
    assertEquals("capsa-init refused the program: program built for another architecture: "
        + "ENOEXEC (Exec format error)",
        result.failureRecord().describe(InitProgram.builder(arch).build()));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aTruncatedProgram(Arch arch) {
    byte[] image = validImage(arch);

    assertRefused(runImage(arch, Arrays.copyOf(image, image.length - 1)), Errno.EINVAL,
        InitFailure.Refusal.SIZE_MISMATCH);
    assertRefused(runImage(arch, Arrays.copyOf(image, 10)), Errno.ENOEXEC,
        InitFailure.Refusal.BAD_MAGIC);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void trailingBytes(Arch arch) {
    byte[] image = validImage(arch);

    assertRefused(runImage(arch, Arrays.copyOf(image, image.length + 8)), Errno.EINVAL,
        InitFailure.Refusal.SIZE_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anEmptyProgram(Arch arch) {
    assertRefused(runImage(arch, new byte[0]), Errno.ENOEXEC, InitFailure.Refusal.BAD_MAGIC);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anotherFormatVersion(Arch arch) {
    byte[] image = validImage(arch);
    header(image).putInt(4, ProgramFormat.VERSION + 1);

    assertRefused(runImage(arch, image), Errno.ENOEXEC, InitFailure.Refusal.BAD_VERSION);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anUnknownArgumentKind(Arch arch) {
    byte[] image = validImage(arch);
    image[ProgramFormat.HEADER_SIZE + 16] = 9;

    assertRefused(runImage(arch, image), Errno.EINVAL, InitFailure.Refusal.BAD_OP);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aBlobOffsetPastTheBlob(Arch arch) {
    byte[] image = validImage(arch);
    ByteBuffer header = header(image);
    int blobSize = header.getInt(20);
    header.putLong(ProgramFormat.HEADER_SIZE + 24 + 8, blobSize + 1L);

    assertRefused(runImage(arch, image), Errno.EINVAL, InitFailure.Refusal.BAD_OP);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aSlotThatIsNotEarlier(Arch arch) {
    byte[] image = validImage(arch);
    ByteBuffer ops = header(image);
    int exitOp = ProgramFormat.HEADER_SIZE + ProgramFormat.OP_SIZE;
    ops.put(exitOp + 16, (byte) ProgramFormat.ARG_SLOT);
    ops.putLong(exitOp + 24, 1);

    assertRefused(runImage(arch, image), Errno.EINVAL, InitFailure.Refusal.BAD_OP);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aNonNumericArgv1(Arch arch) {
    CapsaInitProcess.Result result = CapsaInitProcess.start(arch, validImage(arch),
        CapsaInitProcess.Launch.PLAIN.withArguments(List.of("not-an-fd"), "")).await();

    assertRefused(result, Errno.EINVAL, InitFailure.Refusal.BAD_ARGV);
  }

  private static ByteBuffer header(byte[] image) {
    return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
  }
}
