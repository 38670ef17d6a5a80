package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallExceptionTest {
  @Test
  void messageNamesCallPathAndError() {
    SyscallException e =
        new SyscallException("openat2", 2, "/run/capsa/x/rootfs/proc", Arch.X86_64);
    assertEquals(
        "openat2 /run/capsa/x/rootfs/proc: ENOENT (No such file or directory)", e.getMessage());
    assertTrue(e.is(Errno.ENOENT));
    assertFalse(e.is(Errno.EPERM));
  }

  @Test
  void messageWithoutPath() {
    assertEquals(
        "close: EBADF (Bad file descriptor)",
        new SyscallException("close", 9, null, Arch.X86_64).getMessage());
  }

  @Test
  void errnoNamesFollowTheArchitecture() {
    SyscallException ppc = new SyscallException("flock", 58, null, Arch.PPC64LE);
    assertEquals(Errno.EDEADLOCK, ppc.errno().orElseThrow());
    assertEquals("flock: EDEADLOCK (File locking deadlock error)", ppc.getMessage());
  }

  @Test
  void unknownNumberStaysANumber() {
    SyscallException e = new SyscallException("ioctl", 4095, null, Arch.X86_64);
    assertEquals("ioctl: errno 4095", e.getMessage());
    assertTrue(e.errno().isEmpty());
    assertEquals("Unknown error 4095", e.strerror());
  }
}
