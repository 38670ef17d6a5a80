package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Small programs run by the real capsa-init of each architecture. */
class InterpreterTest {
  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anExitOpEndsWithItsStatusAndNoRecord(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.write(Arg.fd(1), "before exit\n");
    b.exit(7);
    b.write(Arg.fd(1), "after exit\n");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(7, result.exitStatus(), result.stderr());
    assertEquals("before exit\n", result.stdout());
    assertTrue(result.failure().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void runningPastTheLastOpExitsZero(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.write(Arg.fd(1), "done");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus());
    assertEquals("done", result.stdout());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void slotsCarryResultsIntoLaterOps(Arch arch) throws Exception {
    Path file = Files.writeString(temp.resolve("input"), "contents of the file");
    InitProgramBuilder b = InitProgram.builder(arch);
    Step fd = b.openat(b.atFdcwd(), file.toString(), b.flags(O_RDONLY,
        O_CLOEXEC), 0);
    Arg.BlobRef buffer = b.buffer(64);
    Step count = b.read(fd, buffer, 64);
    b.syscall(Syscall.WRITE, Arg.fd(1), buffer, count);
    b.close(fd);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus(), result.stderr());
    assertEquals("contents of the file", result.stdout());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void jumpsCompareSignedValues(Arch arch) {
    long[][] pairs = {{-5, 0}, {0, 0}, {3, -3}, {Long.MIN_VALUE, Long.MAX_VALUE}};
    InitProgramBuilder b = InitProgram.builder(arch);
    StringBuilder expected = new StringBuilder();
    for (long[] pair : pairs) {
      Step a = b.load(b.bytes(littleEndian(pair[0])), 8);
      for (Condition condition : Condition.values()) {
        if (condition == Condition.ALWAYS) {
          continue;
        }
        Label taken = b.label();
        Label end = b.label();
        b.jumpIf(a, condition, pair[1], taken);
        b.write(Arg.fd(1), "n");
        b.jump(end);
        b.bind(taken);
        b.write(Arg.fd(1), "y");
        b.bind(end);
        expected.append(holds(condition, pair[0], pair[1]) ? "y" : "n");
      }
    }

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(expected.toString(), result.stdout(), "EQ NE LT LE GT GE per pair");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aJumpToTheEndEndsTheProgram(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Label end = b.label();
    b.jump(end);
    b.write(Arg.fd(1), "skipped");
    b.bind(end);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus());
    assertEquals("", result.stdout());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void storesAndLoadsMoveSlotsThroughTheBlob(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step wide = b.load(b.bytes(littleEndian(0x0102030405060708L)), 8);
    Arg.BlobRef out = b.buffer(16);
    b.store(wide, out, 8);
    b.store(wide, out.plus(8), 4);
    b.store(Arg.of(0x17f), out.plus(12), 1);
    b.write(Arg.fd(1), out, 16);
    Step byteValue = b.load(b.bytes(new byte[] {(byte) 0xf0}), 1);
    Step intValue = b.load(b.bytes(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff,
        (byte) 0xff}), 4);
    Label wrong = b.label();
    b.jumpIf(byteValue, Condition.NE, 0xf0, wrong);
    b.jumpIf(intValue, Condition.NE, -2, wrong);
    b.exit(0);
    b.bind(wrong);
    b.exit(1);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus(), "1-byte loads zero-extend, 4-byte loads sign-extend");
    ByteBuffer written = ByteBuffer.wrap(result.stdout().getBytes(StandardCharsets.ISO_8859_1))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x0102030405060708L, written.getLong());
    assertEquals(0x05060708, written.getInt());
    assertEquals(0x7f, written.get());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void pipeEndsAreLoadedIntoSlots(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    FdPair pipe = b.pipe2(b.constant(O_CLOEXEC));
    b.write(pipe.writeEnd(), "through the pipe");
    b.close(pipe.writeEnd());
    Arg.BlobRef buffer = b.buffer(64);
    Step count = b.read(pipe.readEnd(), buffer, 64);
    b.syscall(Syscall.WRITE, Arg.fd(1), buffer, count);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("through the pipe", result.stdout(), result.stderr());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void openat2ResolvesInsideTheRoot(Arch arch) throws Exception {
    assumeTrue(hasOpenat2(arch), "openat2 is missing (qemu-user before 8.x answers ENOSYS)");
    Path root = Files.createDirectories(temp.resolve("root/etc"));
    InitProgramBuilder b = InitProgram.builder(arch);
    Step rootFd = b.openat2(b.atFdcwd(), root.getParent().toString(),
        b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0, 0);
    Step file = b.openat2(rootFd, "../../../../etc/created",
        b.flags(O_WRONLY, O_CREAT, O_EXCL, O_CLOEXEC), 0640, b.constant(RESOLVE_IN_ROOT));
    b.write(file, "inside");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus(), result.toString());
    assertEquals("inside", Files.readString(root.resolve("created")));
  }

  private static boolean hasOpenat2(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step probe = b.openat2(b.atFdcwd(), "/", b.flags(O_PATH, O_CLOEXEC),
        0, 0).tolerating(Errno.ENOSYS);
    Label missing = b.label();
    b.jumpIf(probe, Condition.LT, 0, missing);
    b.exit(0);
    b.bind(missing);
    b.exit(1);
    return CapsaInitProcess.run(b.build()).exitStatus() == 0;
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void statxAndFaccessat2TellRegularExecutablesApart(Arch arch) throws Exception {
    Path executable = Files.writeString(temp.resolve("executable"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path plain = Files.writeString(temp.resolve("plain"), "data");
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.Immediate cwd = Arg.fd((int) b.constant(AT_FDCWD));
    Arg.BlobRef status = b.buffer((int) b.constant(SIZEOF_STRUCT_STATX));
    // The file type is the top four bits of stx_mode: its high byte on little-endian machines.
    Arg.BlobRef typeByte = status.plus((int) b.constant(OFFSETOF_STATX_MODE) + 1);
    for (Path path : List.of(temp, executable)) {
      b.statx(cwd, path.toString(), 0, b.flags(STATX_TYPE, STATX_MODE), status);
      Step type = b.load(typeByte, 1);
      Label notRegular = b.label();
      Label next = b.label();
      b.jumpIf(type, Condition.LT, b.constant(S_IFREG) >> 8, notRegular);
      b.jumpIf(type, Condition.GT, (b.constant(S_IFREG) | 07777) >> 8, notRegular);
      b.write(Arg.fd(1), "f");
      b.jump(next);
      b.bind(notRegular);
      b.write(Arg.fd(1), "?");
      b.bind(next);
    }
    for (Path path : List.of(executable, plain)) {
      Step access = b.faccessat2(cwd, path.toString(), b.constant(X_OK), b.constant(AT_EACCESS))
          .tolerating(Errno.EACCES);
      Label denied = b.label();
      Label next = b.label();
      b.jumpIf(access, Condition.NE, 0, denied);
      b.write(Arg.fd(1), "x");
      b.jump(next);
      b.bind(denied);
      b.write(Arg.fd(1), "-");
      b.bind(next);
    }

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus(), result.toString());
    assertEquals("?fx-", result.stdout(),
        "a directory, a regular file; executable, then not executable");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anFdSentOverASocketArrivesAsAnotherFd(Arch arch) throws Exception {
    Path file = Files.writeString(temp.resolve("passed"), "read through the passed fd");
    InitProgramBuilder b = InitProgram.builder(arch);
    FdPair sockets = b.socketpair(b.constant(AF_UNIX), b.flags(SOCK_STREAM, SOCK_CLOEXEC), 0);
    Step opened = b.openat(b.atFdcwd(), file.toString(),
        b.flags(O_RDONLY, O_CLOEXEC), 0);
    b.sendFd(sockets.first(), opened);
    b.close(opened);
    Step received = b.recvFd(sockets.second());
    Arg.BlobRef buffer = b.buffer(64);
    Step count = b.read(received, buffer, 64);
    b.syscall(Syscall.WRITE, Arg.fd(1), buffer, count);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals("read through the passed fd", result.stdout(), result.toString());
  }

  /** A filter that makes mkdirat fail with EPERM: the sock_fprog's pointer is relocated. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void aSeccompFilterInstalledByTheProgramApplies(Arch arch) {
    assumeTrue(arch == Arch.current(),
        "under qemu-user a filter would see the emulator's host syscalls");
    int ldAbs = 0x20;
    int jeq = 0x15;
    int ret = 0x06;
    int allow = (int) arch.constant(SECCOMP_RET_ALLOW);
    List<SockFilter> filter = List.of(
        new SockFilter(ldAbs, 0, 0, 4),
        new SockFilter(jeq, 1, 0, arch.auditArch()),
        new SockFilter(ret, 0, 0, allow),
        new SockFilter(ldAbs, 0, 0, 0),
        new SockFilter(jeq, 0, 1, arch.syscall(Syscall.MKDIRAT)),
        new SockFilter(ret, 0, 0,
            (int) arch.constant(SECCOMP_RET_ERRNO) | Errno.EPERM.number(arch)),
        new SockFilter(ret, 0, 0, allow));
    InitProgramBuilder b = InitProgram.builder(arch);
    b.setNoNewPrivs();
    b.seccomp(b.constant(SECCOMP_SET_MODE_FILTER), 0, filter);
    Step mkdir = b.mkdirat(b.atFdcwd(), temp.resolve("denied").toString(), 0755)
        .tolerating(Errno.EPERM);
    b.exit(mkdir);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(256 - Errno.EPERM.number(arch), result.exitStatus(), result.toString());
    assertTrue(Files.notExists(temp.resolve("denied")));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aToleratedErrnoLeavesMinusErrnoInTheSlot(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step missing = b.openat(b.atFdcwd(), "/nonexistent/capsa",
        b.constant(O_RDONLY), 0).tolerating(Errno.ENOENT);
    Label asExpected = b.label();
    b.jumpIf(missing, Condition.EQ, -Errno.ENOENT.number(arch), asExpected);
    b.exit(1);
    b.bind(asExpected);
    b.exit(0);

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(0, result.exitStatus());
    assertTrue(result.failure().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anErrnoNotToleratedFailsWithARecordNamingTheOp(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.Immediate cwd = b.atFdcwd();
    b.mkdirat(cwd, temp.toString(), 0755).tolerating(Errno.EEXIST);
    Step failing = b.mkdirat(cwd, temp.toString(), 0755).tolerating(Errno.ENOENT);
    b.write(Arg.fd(1), "not reached");
    InitProgram program = b.build();

    CapsaInitProcess.Result result = CapsaInitProcess.run(program);

    assertEquals(InitFailure.EXIT_STATUS, result.exitStatus());
    assertEquals(new InitFailure(failing.index(), Errno.EEXIST.number(arch), 0),
        result.failureRecord());
    assertEquals("", result.stdout());
    assertEquals("create directory " + temp + " (op 1, mkdirat): EEXIST (File exists)",
        result.failureRecord().describe(program));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aFailOpReportsItsErrno(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.write(Arg.fd(1), "x");
    Step fail = b.fail(Errno.EXDEV, "working directory outside the root");

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(new InitFailure(fail.index(), Errno.EXDEV.number(arch), 0),
        result.failureRecord());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aSuccessfulExecLeavesTheErrorChannelEmptyAndClosed(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.execve("/bin/sh", List.of("sh", "-c",
        "for fd in 3 4; do [ -e /proc/$$/fd/$fd ] && echo open $fd; done; echo ran; exit 3"),
        List.of("PATH=/usr/bin:/bin"));

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(3, result.exitStatus(), result.stderr());
    assertEquals("ran\n", result.stdout(), "fds 3 and 4 must not reach the exec'd program");
    assertTrue(result.failure().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aFailedExecIsReportedAsTheExecveOp(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.write(Arg.fd(1), "");
    Step exec = b.execve("/nonexistent/capsa-test", List.of("x"), List.of());

    CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

    assertEquals(InitFailure.EXIT_STATUS, result.exitStatus());
    assertEquals(new InitFailure(exec.index(), Errno.ENOENT.number(arch), 0),
        result.failureRecord());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theFdNamedInArgv1IsClosedFirst(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Step flags = b.fcntl(Arg.fd(7), F_GETFD, 0).tolerating(Errno.EBADF);
    Label closed = b.label();
    b.jumpIf(flags, Condition.EQ, -Errno.EBADF.number(arch), closed);
    b.exit(1);
    b.bind(closed);
    b.exit(0);
    InitProgram program = b.build();

    CapsaInitProcess.Result result = CapsaInitProcess.start(arch, program.encode(),
        CapsaInitProcess.Launch.PLAIN.withArguments(List.of("7"), "7</dev/null")).await();

    assertEquals(0, result.exitStatus(), "fd 7 is still open");
  }

  /**
   * With argv naming the program and error fds (7 and 8 here), capsa-init reads the program from
   * 7, reports through 8 and leaves 3 and 4 alone: they belong to the container (--preserve-fds).
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void programAndErrorFdsNamedInArgvLeaveFds3And4ToTheContainer(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.fcntl(Arg.fd(3), F_GETFD, 0).describedAs("fd 3 is still open");
    b.fcntl(Arg.fd(4), F_GETFD, 0).describedAs("fd 4 is still open");
    Step programFd = b.fcntl(Arg.fd(7), F_GETFD, 0).tolerating(Errno.EBADF);
    Label closed = b.label();
    b.jumpIf(programFd, Condition.EQ, -Errno.EBADF.number(arch), closed);
    b.exit(1);
    b.bind(closed);
    Step failing = b.fcntl(Arg.fd(3), F_SETFD, 0);
    b.fail(Errno.EPERM, "report through fd 8");
    InitProgram program = b.build();

    CapsaInitProcess.Result result = CapsaInitProcess.start(arch, program.encode(),
        CapsaInitProcess.Launch.PLAIN.withArguments(List.of("9", "7", "8"),
            "7<\"$1\" 8>\"$2\" 9</dev/null")).await();

    assertEquals(InitFailure.EXIT_STATUS, result.exitStatus(), result.toString());
    assertEquals(new InitFailure(failing.index() + 1, Errno.EPERM.number(arch), 0),
        result.failureRecord());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void argvWithTwoEntriesAfterArgv0IsRefused(Arch arch) {
    CapsaInitProcess.Result result = CapsaInitProcess.start(arch,
        InitProgram.builder(arch).build().encode(),
        CapsaInitProcess.Launch.PLAIN.withArguments(List.of("9", "7"), "9</dev/null")).await();

    assertEquals(InitFailure.EXIT_STATUS, result.exitStatus());
    assertEquals(InitFailure.Refusal.BAD_ARGV.code(), result.failureRecord().detail());
  }

  /**
   * Signals the host ignores must not stay ignored in the container (a JVM's children inherit
   * signals 32 and 33 ignored, and a shell's trap adds more). Under qemu-user the
   * emulator itself ignores some host signals, so there the test compares with a run whose
   * shell ignored nothing.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void inheritedIgnoredSignalsAreResetBeforeTheProgramRuns(Arch arch) throws Exception {
    String ignore = "trap '' HUP PIPE USR1; ";
    Process control = new ProcessBuilder("sh", "-c",
        ignore + "exec grep ^SigIgn /proc/self/status").start();
    String inherited = new String(control.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    control.waitFor();
    long inheritedMask = Long.parseLong(inherited.substring("SigIgn:".length()).trim(), 16);
    assertEquals(0x1201, inheritedMask & 0x1201,
        "the trap makes an exec'd program inherit HUP, PIPE and USR1 ignored: " + inherited);
    InitProgramBuilder b = InitProgram.builder(arch);
    b.execve("/bin/grep", List.of("grep", "^SigIgn", "/proc/self/status"), List.of());
    byte[] image = b.build().encode();

    String ignoringNothing = CapsaInitProcess.start(arch, image, CapsaInitProcess.Launch.PLAIN)
        .await().stdout();
    String ignoringSome = CapsaInitProcess.start(arch, image,
        CapsaInitProcess.Launch.PLAIN.withShellBefore(ignore)).await().stdout();

    assertEquals(ignoringNothing, ignoringSome);
    if (arch == Arch.current()) {
      assertEquals("SigIgn:\t0000000000000000\n", ignoringSome);
    }
  }

  private static boolean holds(Condition condition, long a, long b) {
    return switch (condition) {
      case EQ -> a == b;
      case NE -> a != b;
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
      case ALWAYS -> true;
    };
  }

  static byte[] littleEndian(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }
}
