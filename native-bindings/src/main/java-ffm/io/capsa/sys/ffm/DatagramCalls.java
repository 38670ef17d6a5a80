package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.OFFSETOF_SOCKADDR_UN_SUN_PATH;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_POLLFD;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_SOCKADDR_UN;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_TIMESPEC;
import static io.capsa.sys.ArchConstant.SOCK_CLOEXEC;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.checkOffset;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Syscall;
import io.capsa.sys.UnixAddress;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.time.Duration;

/**
 * Sockets bound or connected to a unix address, and ppoll to wait for one with a timeout: what
 * systemd's notify socket takes, a datagram socket the JDK's channels cannot make.
 */
final class DatagramCalls {
  private static final StructLayout SOCKADDR_UN =
      struct(
          SIZEOF_STRUCT_SOCKADDR_UN,
          JAVA_SHORT.withName("sun_family"),
          sequenceLayout(108, JAVA_BYTE).withName("sun_path"));
  private static final long SUN_FAMILY = offset(SOCKADDR_UN, "sun_family");

  private static final StructLayout POLLFD =
      struct(
          SIZEOF_STRUCT_POLLFD,
          JAVA_INT.withName("fd"),
          JAVA_SHORT.withName("events"),
          JAVA_SHORT.withName("revents"));
  private static final long POLL_FD = offset(POLLFD, "fd");
  private static final long POLL_EVENTS = offset(POLLFD, "events");
  private static final long POLL_REVENTS = offset(POLLFD, "revents");

  private static final StructLayout TIMESPEC =
      struct(SIZEOF_STRUCT_TIMESPEC, JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));
  private static final long TV_SEC = offset(TIMESPEC, "tv_sec");
  private static final long TV_NSEC = offset(TIMESPEC, "tv_nsec");

  static {
    checkOffset(SOCKADDR_UN, "sun_path", OFFSETOF_SOCKADDR_UN_SUN_PATH);
  }

  private DatagramCalls() {}

  static Fd socket(HostSyscalls owner, int domain, int type, int protocol) {
    return Fd.owned(
        Kernel.callInt(Syscall.SOCKET, null, domain, type | constant(SOCK_CLOEXEC), protocol),
        owner);
  }

  static void bind(Fd socket, UnixAddress address) {
    withAddress(Syscall.BIND, socket, address);
  }

  static void connect(Fd socket, UnixAddress address) {
    withAddress(Syscall.CONNECT, socket, address);
  }

  /** bind or connect: the calls that take a socket and a sockaddr with its length. */
  private static void withAddress(Syscall call, Fd socket, UnixAddress address) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment sockaddr = arena.allocate(SOCKADDR_UN);
      sockaddr.set(JAVA_SHORT, SUN_FAMILY, (short) constant(AF_UNIX));
      byte[] sunPath = address.sunPath();
      long pathOffset = constant(OFFSETOF_SOCKADDR_UN_SUN_PATH);
      MemorySegment.copy(sunPath, 0, sockaddr, JAVA_BYTE, pathOffset, sunPath.length);
      Kernel.call(call, address::toString, socket.number(), sockaddr.address(),
          pathOffset + sunPath.length);
    }
  }

  /**
   * ppoll without a signal mask. A timeout cut short by a signal starts again in full: the
   * callers wait for a bounded time and look again, so a longer wait is harmless.
   */
  static int poll(Fd fd, int events, Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("negative poll timeout " + timeout);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfd = arena.allocate(POLLFD);
      pollfd.set(JAVA_INT, POLL_FD, fd.number());
      pollfd.set(JAVA_SHORT, POLL_EVENTS, (short) events);
      MemorySegment timespec = arena.allocate(TIMESPEC);
      timespec.set(JAVA_LONG, TV_SEC, timeout.getSeconds());
      timespec.set(JAVA_LONG, TV_NSEC, (long) timeout.getNano());
      int ready = Kernel.callInt(Syscall.PPOLL, null, pollfd.address(), 1L, timespec.address(),
          0L, 0L);
      return ready == 0 ? 0 : Short.toUnsignedInt(pollfd.get(JAVA_SHORT, POLL_REVENTS));
    }
  }
}
