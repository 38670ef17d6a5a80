package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.P_PID;
import static io.capsa.sys.ArchConstant.P_PIDFD;
import static io.capsa.sys.ArchConstant.SIGKILL;
import static io.capsa.sys.ArchConstant.SIZEOF_SIGINFO_T;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_UTSNAME;
import static io.capsa.sys.ArchConstant.WEXITED;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Syscall;
import io.capsa.sys.Uname;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.Optional;

/** Processes: pidfds, signals, waiting, and what the kernel says about this process and host. */
final class ProcessCalls {
  /** siginfo_t as waitid fills it for SIGCHLD: who changed state, how, and with what status. */
  private static final StructLayout SIGINFO =
      struct(
          SIZEOF_SIGINFO_T,
          JAVA_INT.withName("si_signo"),
          JAVA_INT.withName("si_errno"),
          JAVA_INT.withName("si_code"),
          paddingLayout(4),
          JAVA_INT.withName("si_pid"),
          JAVA_INT.withName("si_uid"),
          JAVA_INT.withName("si_status"),
          paddingLayout(100));

  private static final long SI_CODE = offset(SIGINFO, "si_code");
  private static final long SI_PID = offset(SIGINFO, "si_pid");
  private static final long SI_STATUS = offset(SIGINFO, "si_status");

  private static final long UTS_FIELD_LENGTH = 65;
  private static final StructLayout UTSNAME =
      struct(
          SIZEOF_STRUCT_UTSNAME,
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("sysname"),
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("nodename"),
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("release"),
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("version"),
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("machine"),
          sequenceLayout(UTS_FIELD_LENGTH, JAVA_BYTE).withName("domainname"));

  private ProcessCalls() {}

  static Fd pidfdOpen(HostSyscalls owner, int pid) {
    return Fd.owned(Kernel.callInt(Syscall.PIDFD_OPEN, () -> "pid " + pid, pid, 0), owner);
  }

  static void pidfdSendSignal(Fd pidfd, int signal) {
    Kernel.call(Syscall.PIDFD_SEND_SIGNAL, null, pidfd.number(), signal, 0, 0);
  }

  static Optional<ChildStatus> waitid(Fd pidfd, int options) {
    return waitid(constant(P_PIDFD), pidfd.number(), options);
  }

  /**
   * Kills and reaps a child we hold no pidfd for. Only for a child this JVM spawned and has not
   * reaped, whose pid therefore cannot have been reused: the one case where a bare pid is safe.
   */
  static void killUnreaped(int pid) {
    Kernel.call(Syscall.KILL, null, pid, constant(SIGKILL));
    waitid(constant(P_PID), pid, (int) constant(WEXITED));
  }

  private static Optional<ChildStatus> waitid(long idType, int id, int options) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(SIGINFO);
      Kernel.call(Syscall.WAITID, null, idType, id, info.address(), options, 0);
      // With WNOHANG and no state change the kernel leaves si_pid 0 (the arena zeroed it).
      if (info.get(JAVA_INT, SI_PID) == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new ChildStatus(info.get(JAVA_INT, SI_CODE), info.get(JAVA_INT, SI_STATUS)));
    }
  }

  static long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
    return Kernel.call(Syscall.PRCTL, null, option, arg2, arg3, arg4, arg5);
  }

  static Uname uname() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment uts = arena.allocate(UTSNAME);
      Kernel.call(Syscall.UNAME, null, uts.address());
      return new Uname(
          utsField(uts, "sysname"),
          utsField(uts, "nodename"),
          utsField(uts, "release"),
          utsField(uts, "version"),
          utsField(uts, "machine"));
    }
  }

  private static String utsField(MemorySegment uts, String name) {
    return NativeMemory.fixedString(
        uts, UTSNAME.byteOffset(PathElement.groupElement(name)), UTS_FIELD_LENGTH);
  }

  /** getuid, geteuid, getgid, getegid: they cannot fail. */
  static int id(Syscall call) {
    return Kernel.callInt(call, null);
  }
}
