package io.capsa.sys;

import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.F_SEAL_GROW;
import static io.capsa.sys.ArchConstant.F_SEAL_SEAL;
import static io.capsa.sys.ArchConstant.F_SEAL_SHRINK;
import static io.capsa.sys.ArchConstant.F_SEAL_WRITE;
import static io.capsa.sys.ArchConstant.MFD_ALLOW_SEALING;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostDescriptorsTest {
  private final HostSyscalls host = HostSyscalls.get();

  @Test
  void sealedMemfdRefusesWritesButKeepsItsContents() throws Exception {
    try (Fd memfd = host.memfdCreate("capsa-test", value(MFD_ALLOW_SEALING))) {
      byte[] contents = "sealed".getBytes(UTF_8);
      host.writeFully(memfd, contents);
      int seals = value(F_SEAL_SEAL, F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_WRITE);
      host.addSeals(memfd, seals);

      assertEquals(seals, host.getSeals(memfd));
      SyscallException refused =
          assertThrows(SyscallException.class, () -> host.write(memfd, contents, 0, 1));
      assertTrue(refused.is(Errno.EPERM), refused.getMessage());
      SyscallException sealed = assertThrows(SyscallException.class, () -> host.addSeals(memfd, 0));
      assertTrue(sealed.is(Errno.EPERM), sealed.getMessage());
      assertArrayEquals(contents, Files.readAllBytes(Path.of("/proc/self/fd/" + memfd.number())));
    }
  }

  @Test
  void pipeCarriesBytesAndEndsWithEof() {
    try (Pipe pipe = host.pipe2(0)) {
      host.writeFully(pipe.writeEnd(), "through the pipe".getBytes(UTF_8));
      pipe.writeEnd().close();

      byte[] buffer = new byte[64];
      int length = host.readFully(pipe.readEnd(), buffer);
      assertEquals("through the pipe", new String(buffer, 0, length, UTF_8));
      assertEquals(0, host.read(pipe.readEnd(), buffer, 0, buffer.length));
    }
  }

  @Test
  void everyReturnedDescriptorIsCloseOnExec() {
    try (Pipe pipe = host.pipe2(0);
        Fd memfd = host.memfdCreate("cloexec", 0)) {
      for (Fd fd : new Fd[] {pipe.readEnd(), pipe.writeEnd(), memfd}) {
        assertEquals(value(FD_CLOEXEC), host.getFdFlags(fd) & value(FD_CLOEXEC), fd.toString());
      }
      host.setFdFlags(memfd, 0);
      assertEquals(0, host.getFdFlags(memfd) & value(FD_CLOEXEC));
    }
  }

  @Test
  void closedFdRefusesUseAndClosesOnlyOnce() {
    Pipe pipe = host.pipe2(0);
    pipe.close();
    pipe.close();
    assertFalse(pipe.readEnd().isOpen());
    assertThrows(IllegalStateException.class, () -> pipe.readEnd().number());
  }

  @Test
  void borrowedFdIsNotClosed() {
    try (Pipe pipe = host.pipe2(0)) {
      Fd borrowed = Fd.borrowed(pipe.writeEnd().number());
      borrowed.close();
      host.writeFully(pipe.writeEnd(), new byte[] {1});
      assertEquals(1, host.read(pipe.readEnd(), new byte[1], 0, 1));
    }
  }

  @Test
  void readingANumberThatIsNoDescriptorNamesTheCallAndError() {
    SyscallException e =
        assertThrows(
            SyscallException.class,
            () -> host.read(Fd.borrowed(Integer.MAX_VALUE), new byte[1], 0, 1));
    assertEquals("read: EBADF (Bad file descriptor)", e.getMessage());
  }
}
