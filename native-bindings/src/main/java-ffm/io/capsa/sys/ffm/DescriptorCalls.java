package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.F_ADD_SEALS;
import static io.capsa.sys.ArchConstant.F_GETFD;
import static io.capsa.sys.ArchConstant.F_GET_SEALS;
import static io.capsa.sys.ArchConstant.F_SETFD;
import static io.capsa.sys.ArchConstant.MFD_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ffm.Kernel.constant;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import io.capsa.sys.Syscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Calls on descriptors themselves: creating memfds and pipes, fcntl, read, write, close. */
final class DescriptorCalls {
  private DescriptorCalls() {}

  static Fd memfdCreate(HostSyscalls owner, String name, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      long fd =
          Kernel.call(
              Syscall.MEMFD_CREATE,
              () -> name,
              NativeMemory.cString(arena, name).address(),
              flags | constant(MFD_CLOEXEC));
      return Fd.owned((int) fd, owner);
    }
  }

  static void addSeals(Fd memfd, int seals) {
    fcntl(memfd, F_ADD_SEALS, seals);
  }

  static int getSeals(Fd memfd) {
    return fcntl(memfd, F_GET_SEALS, 0);
  }

  static int getFdFlags(Fd fd) {
    return fcntl(fd, F_GETFD, 0);
  }

  static void setFdFlags(Fd fd, int flags) {
    fcntl(fd, F_SETFD, flags);
  }

  /** fcntl(F_DUPFD_CLOEXEC) and friends on a raw number, for the spawn's temporary copies. */
  static int fcntl(int fd, ArchConstant command, long argument) {
    return Kernel.callInt(Syscall.FCNTL, null, fd, constant(command), argument);
  }

  private static int fcntl(Fd fd, ArchConstant command, long argument) {
    return fcntl(fd.number(), command, argument);
  }

  static Pipe pipe2(HostSyscalls owner, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ends = arena.allocate(JAVA_INT, 2);
      Kernel.call(Syscall.PIPE2, null, ends.address(), flags | constant(O_CLOEXEC));
      return new Pipe(
          Fd.owned(ends.getAtIndex(JAVA_INT, 0), owner),
          Fd.owned(ends.getAtIndex(JAVA_INT, 1), owner));
    }
  }

  static int read(Fd fd, byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment chunk = arena.allocate(length);
      int count = Kernel.callInt(Syscall.READ, null, fd.number(), chunk.address(), length);
      MemorySegment.copy(chunk, JAVA_BYTE, 0, buffer, offset, count);
      return count;
    }
  }

  static int write(Fd fd, byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment chunk = arena.allocate(length);
      MemorySegment.copy(data, offset, chunk, JAVA_BYTE, 0, length);
      return Kernel.callInt(Syscall.WRITE, null, fd.number(), chunk.address(), length);
    }
  }

  static void close(int fd) {
    Kernel.call(Syscall.CLOSE, null, fd);
  }
}
