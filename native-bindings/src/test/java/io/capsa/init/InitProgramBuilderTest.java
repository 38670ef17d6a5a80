package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitProgramBuilderTest {
  private final InitProgramBuilder b = InitProgram.builder(Arch.X86_64);

  @Test
  void theDefaultArchitectureIsTheJvms() {
    assertEquals(Arch.current(), InitProgram.builder().arch());
  }

  @Test
  void mountDescriptionsSayWhatTheMountDoes() {
    b.mount(null, "/", null, b.flags(MS_REC, MS_PRIVATE), null);
    b.mount("proc", "/proc", "proc", 0, null);
    b.mount("/data", "/rootfs/data", null, b.flags(MS_BIND, MS_REC), null);
    b.mount(null, "/rootfs/data", null, b.flags(MS_BIND, MS_REMOUNT, MS_RDONLY), null);
    b.mount("/old", "/new", null, b.flags(MS_MOVE), null);
    b.mount("tmpfs", "/dev", "tmpfs", 0, "mode=755").describedAs("mount /dev");

    assertEquals(List.of("make / recursively private", "mount proc on /proc",
        "bind mount /data on /rootfs/data", "remount /rootfs/data", "move mount /old to /new",
        "mount /dev"), descriptions(b.build()));
  }

  @Test
  void jumpsOnlyGoForward() {
    Label back = b.label("back");
    b.bind(back);
    b.exit(0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.jump(back));
    assertEquals("label back is already bound: jumps only go forward", e.getMessage());
  }

  @Test
  void aJumpToALabelNeverBoundIsRefusedWhenBuilt() {
    b.jump(b.label("nowhere"));

    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertEquals("label nowhere is used by a jump but never bound", e.getMessage());
  }

  @Test
  void aLabelIsBoundOnce() {
    Label twice = b.label("twice");
    b.bind(twice);

    assertThrows(IllegalStateException.class, () -> b.bind(twice));
  }

  @Test
  void resultsAndLabelsOfAnotherProgramAreRefused() {
    InitProgramBuilder other = InitProgram.builder(Arch.X86_64);
    Step foreign = other.openat(Arg.fd(3), "x", 0, 0);
    Label foreignLabel = other.label("theirs");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.close(foreign));
    assertEquals("the result of op 0 belongs to another program", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.jump(foreignLabel));
    assertThrows(IllegalArgumentException.class,
        () -> b.syscall(io.capsa.sys.Syscall.CLOSE, foreign));
  }

  @Test
  void aSlotMustNameAnEarlierOp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.syscall(io.capsa.sys.Syscall.CLOSE, new Arg.SlotRef(0)));
    assertEquals("op 0 (close) refers to the result of op 0, which does not come before it",
        e.getMessage());
  }

  @Test
  void opsThatCannotFailTolerateNothing() {
    Step store = b.store(Arg.of(1), b.buffer(8), 8);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> store.tolerating(Errno.EINVAL));
    assertEquals("op 0 (store 1 at <buffer of 8 bytes>) cannot fail, so it tolerates nothing",
        e.getMessage());
  }

  @Test
  void toleratedErrnosAreKeptOnceInErrnoOrder() {
    Step mkdir = b.mkdirat(b.atFdcwd(), "dir", 0755)
        .tolerating(Errno.EROFS, Errno.EEXIST, Errno.EROFS);
    ErrorPolicy policy = b.build().op(mkdir.index()).policy();

    assertEquals(List.of(Errno.EEXIST, Errno.EROFS), policy.tolerated());
    assertTrue(policy.tolerates(Errno.EROFS));
    assertFalse(policy.tolerates(Errno.ENOENT));
    assertEquals("tolerate EEXIST,EROFS", policy.toString());
    assertEquals("fail", ErrorPolicy.FAIL.toString());
  }

  @Test
  void loadsAndStoresAreOneFourOrEightBytesWide() {
    assertThrows(IllegalArgumentException.class, () -> b.load(b.buffer(8), 2));
  }

  @Test
  void stringsWithNulCannotBePassed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.chdir("a\0b"));
    assertEquals("string contains a NUL character: \"a\\x00b\"", e.getMessage());
  }

  @Test
  void aProgramHasAtMost4096Ops() {
    for (int i = 0; i < ProgramFormat.MAX_OPS; i++) {
      b.exit(0);
    }

    assertThrows(IllegalStateException.class, () -> b.exit(0));
  }

  @Test
  void aSlotGoingIntoAStructIsStoredThereByAnOpBeforeTheCall() {
    Step cgroup = b.openat(Arg.fd(-100), "/sys/fs/cgroup/web", b.flags(O_PATH, O_CLOEXEC), 0);
    Step child = b.clone3(b.flags(CLONE_NEWPID), b.constant(SIGCHLD), cgroup);
    InitProgram program = b.build();

    Op store = program.op(child.index() - 1);
    assertEquals(OpCode.STORE, store.code());
    assertEquals(cgroup.slot(), store.args().get(0));
    assertEquals(8, store.param());
    Arg.BlobRef cloneArgs = (Arg.BlobRef) program.op(child.index()).args().get(0);
    assertEquals(cloneArgs.offset() + 80, ((Arg.BlobRef) store.args().get(1)).offset(),
        "clone_args.cgroup");
    assertEquals("{flags=CLONE_NEWPID|CLONE_INTO_CGROUP, exit_signal=SIGCHLD, cgroup=$0}",
        cloneArgs.shown());
  }

  @Test
  void sendFdStoresTheFdIntoTheControlMessage() {
    FdPair sockets = b.socketpair(b.constant(AF_UNIX), b.constant(SOCK_STREAM), 0);
    Step send = b.sendFd(sockets.first(), Arg.fd(5));
    InitProgram program = b.build();

    Op store = program.op(send.index() - 1);
    assertEquals(OpCode.STORE, store.code());
    assertEquals(Arg.fd(5), store.args().get(0));
    assertEquals("send fd 5 over socket $1", program.op(send.index()).description());
  }

  @Test
  void interfaceFlagsGoThroughAnIfreqNamingTheInterface() {
    Step socket = b.socket(b.constant(AF_INET), b.flags(SOCK_DGRAM, SOCK_CLOEXEC), 0);
    Step up = b.setInterfaceFlags(socket, "lo", b.flags(IFF_UP, IFF_RUNNING));
    InitProgram program = b.build();

    String rendered = program.render();
    assertTrue(rendered.contains("socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, 0)"), rendered);
    assertTrue(rendered.contains("ioctl($0, SIOCSIFFLAGS, {name=lo, flags=IFF_UP|IFF_RUNNING})"),
        rendered);
    assertEquals("set the flags of interface lo to IFF_UP|IFF_RUNNING",
        program.op(up.index()).description());
    Arg.BlobRef ifreq = (Arg.BlobRef) program.op(up.index()).args().get(2);
    byte[] blob = program.blob();
    assertEquals('l', blob[ifreq.offset()]);
    assertEquals('o', blob[ifreq.offset() + 1]);
    assertEquals(0, blob[ifreq.offset() + 2]);
    assertEquals(0x41, blob[ifreq.offset() + 16], "ifr_flags, little-endian");
  }

  @Test
  void anInterfaceNameLongerThanTheKernelTakesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.setInterfaceFlags(Arg.fd(3), "a-sixteen-bytes!", b.constant(IFF_UP)));
    assertEquals("invalid interface name \"a-sixteen-bytes!\": at most 15 bytes, no NUL",
        e.getMessage());
  }

  @Test
  void accessAndStatusChecksShowTheirFlagsByName() {
    b.faccessat2(Arg.fd(-100), "/bin/sh", b.constant(X_OK), b.constant(AT_EACCESS));
    b.statx(Arg.fd(-100), "/bin/sh", 0, b.flags(STATX_TYPE, STATX_MODE), b.buffer(256));

    String rendered = b.build().render();

    assertTrue(rendered.contains(
        "faccessat2(AT_FDCWD, \"/bin/sh\", X_OK, AT_EACCESS)"), rendered);
    assertTrue(rendered.contains("# check access to /bin/sh"), rendered);
    assertTrue(rendered.contains(
        "statx(AT_FDCWD, \"/bin/sh\", 0, STATX_TYPE|STATX_MODE, <buffer of 256 bytes>)"),
        rendered);
  }

  @Test
  void deviceNumbersUseTheKernelsEncoding() {
    assertEquals(0x103, InitProgramBuilder.device(1, 3));
    assertEquals(0x8800, InitProgramBuilder.device(136, 0));
    assertEquals(0x123abc45L, InitProgramBuilder.device(0xabc, 0x12345));
    assertEquals(0x1000_0000_0000L, InitProgramBuilder.device(0x1000, 0));
  }

  private static List<String> descriptions(InitProgram program) {
    return program.ops().stream().map(Op::description).toList();
  }
}
