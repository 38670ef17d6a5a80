package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.MSG_CMSG_CLOEXEC;
import static io.capsa.sys.ArchConstant.MSG_CTRUNC;
import static io.capsa.sys.ArchConstant.MSG_NOSIGNAL;
import static io.capsa.sys.ArchConstant.MSG_TRUNC;
import static io.capsa.sys.ArchConstant.SCM_RIGHTS;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_CMSGHDR;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_IOVEC;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_MSGHDR;
import static io.capsa.sys.ArchConstant.SOCK_CLOEXEC;
import static io.capsa.sys.ArchConstant.SOL_SOCKET;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.field;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.SocketPair;
import io.capsa.sys.Syscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/** Unix socket pairs and passing descriptors over them (SCM_RIGHTS). */
final class SocketCalls {
  private static final StructLayout IOVEC =
      struct(SIZEOF_STRUCT_IOVEC, ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
  private static final VarHandle IOV_BASE = field(IOVEC, "iov_base");
  private static final VarHandle IOV_LEN = field(IOVEC, "iov_len");

  private static final StructLayout MSGHDR =
      struct(
          SIZEOF_STRUCT_MSGHDR,
          ADDRESS.withName("msg_name"),
          JAVA_INT.withName("msg_namelen"),
          paddingLayout(4),
          ADDRESS.withName("msg_iov"),
          JAVA_LONG.withName("msg_iovlen"),
          ADDRESS.withName("msg_control"),
          JAVA_LONG.withName("msg_controllen"),
          JAVA_INT.withName("msg_flags"),
          paddingLayout(4));
  private static final VarHandle MSG_IOV = field(MSGHDR, "msg_iov");
  private static final VarHandle MSG_IOVLEN = field(MSGHDR, "msg_iovlen");
  private static final VarHandle MSG_CONTROL = field(MSGHDR, "msg_control");
  private static final VarHandle MSG_CONTROLLEN = field(MSGHDR, "msg_controllen");
  private static final VarHandle MSG_FLAGS = field(MSGHDR, "msg_flags");

  /** struct cmsghdr; the payload (here: the descriptors) follows it, aligned like it. */
  private static final StructLayout CMSGHDR =
      struct(
          SIZEOF_STRUCT_CMSGHDR,
          JAVA_LONG.withName("cmsg_len"),
          JAVA_INT.withName("cmsg_level"),
          JAVA_INT.withName("cmsg_type"));

  private static final VarHandle CMSG_LEN = field(CMSGHDR, "cmsg_len");
  private static final VarHandle CMSG_LEVEL = field(CMSGHDR, "cmsg_level");
  private static final VarHandle CMSG_TYPE = field(CMSGHDR, "cmsg_type");

  private final HostSyscalls owner;

  SocketCalls(HostSyscalls owner) {
    this.owner = owner;
  }

  SocketPair socketpair(int domain, int type, int protocol) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment sockets = arena.allocate(JAVA_INT, 2);
      Kernel.call(
          Syscall.SOCKETPAIR,
          null,
          domain,
          type | constant(SOCK_CLOEXEC),
          protocol,
          sockets.address());
      return new SocketPair(
          Fd.owned(sockets.getAtIndex(JAVA_INT, 0), owner),
          Fd.owned(sockets.getAtIndex(JAVA_INT, 1), owner));
    }
  }

  static int sendmsg(Fd socket, byte[] data, List<Fd> fds) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment payload = arena.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, payload, JAVA_BYTE, 0, data.length);
      MemorySegment control = control(arena, fds.size());
      if (!fds.isEmpty()) {
        CMSG_LEN.set(control, 0L, controlLength(fds.size()));
        CMSG_LEVEL.set(control, 0L, (int) constant(SOL_SOCKET));
        CMSG_TYPE.set(control, 0L, (int) constant(SCM_RIGHTS));
        for (int i = 0; i < fds.size(); i++) {
          control.set(JAVA_INT, CMSGHDR.byteSize() + (long) i * Integer.BYTES, fds.get(i).number());
        }
      }
      MemorySegment message = message(arena, payload, data.length, control);
      return Kernel.callInt(
          Syscall.SENDMSG, null, socket.number(), message.address(), constant(MSG_NOSIGNAL));
    }
  }

  ReceivedMessage recvmsg(Fd socket, byte[] buffer, int maxFds) {
    if (maxFds < 0) {
      throw new IllegalArgumentException("negative maxFds " + maxFds);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment payload = arena.allocate(Math.max(1, buffer.length));
      MemorySegment control = control(arena, maxFds);
      MemorySegment message = message(arena, payload, buffer.length, control);
      int length =
          Kernel.callInt(
              Syscall.RECVMSG,
              null,
              socket.number(),
              message.address(),
              constant(MSG_CMSG_CLOEXEC));
      List<Fd> fds = receivedFds(control.asSlice(0, (long) MSG_CONTROLLEN.get(message, 0L)));
      MemorySegment.copy(payload, JAVA_BYTE, 0, buffer, 0, length);
      int flags = (int) MSG_FLAGS.get(message, 0L);
      boolean truncated = (flags & (constant(MSG_TRUNC) | constant(MSG_CTRUNC))) != 0;
      // The control buffer is rounded up to its alignment and may hold more than asked for.
      if (fds.size() > maxFds) {
        fds.subList(maxFds, fds.size()).forEach(Fd::close);
        return new ReceivedMessage(length, fds.subList(0, maxFds), true);
      }
      return new ReceivedMessage(length, fds, truncated);
    }
  }

  /** Control data with room for {@code fdCount} descriptors; empty for none. */
  private static MemorySegment control(Arena arena, int fdCount) {
    return fdCount == 0
        ? arena.allocate(0)
        : arena.allocate(controlSpace(fdCount), CMSGHDR.byteAlignment());
  }

  /** A msghdr with one iovec of {@code length} bytes of {@code payload}, and {@code control}. */
  private static MemorySegment message(
      Arena arena, MemorySegment payload, int length, MemorySegment control) {
    MemorySegment iovec = arena.allocate(IOVEC);
    IOV_BASE.set(iovec, 0L, payload);
    IOV_LEN.set(iovec, 0L, (long) length);
    MemorySegment message = arena.allocate(MSGHDR);
    MSG_IOV.set(message, 0L, iovec);
    MSG_IOVLEN.set(message, 0L, 1L);
    if (control.byteSize() > 0) {
      MSG_CONTROL.set(message, 0L, control);
      MSG_CONTROLLEN.set(message, 0L, control.byteSize());
    }
    return message;
  }

  /** The descriptors of every SCM_RIGHTS message in the control data recvmsg filled in. */
  private List<Fd> receivedFds(MemorySegment control) {
    List<Fd> fds = new ArrayList<>();
    for (long at = 0; at + CMSGHDR.byteSize() <= control.byteSize(); ) {
      MemorySegment header = control.asSlice(at);
      long length = (long) CMSG_LEN.get(header, 0L);
      if (length < CMSGHDR.byteSize() || at + length > control.byteSize()) {
        break;
      }
      if ((int) CMSG_LEVEL.get(header, 0L) == constant(SOL_SOCKET)
          && (int) CMSG_TYPE.get(header, 0L) == constant(SCM_RIGHTS)) {
        for (long i = 0; i < (length - CMSGHDR.byteSize()) / Integer.BYTES; i++) {
          fds.add(Fd.owned(header.get(JAVA_INT, CMSGHDR.byteSize() + i * Integer.BYTES), owner));
        }
      }
      at += align(length);
    }
    return fds;
  }

  /** CMSG_LEN: the header plus {@code fdCount} ints. */
  private static long controlLength(int fdCount) {
    return CMSGHDR.byteSize() + (long) fdCount * Integer.BYTES;
  }

  /** CMSG_SPACE: {@link #controlLength} rounded up to the header's alignment. */
  private static long controlSpace(int fdCount) {
    return align(controlLength(fdCount));
  }

  private static long align(long length) {
    long alignment = CMSGHDR.byteAlignment();
    return (length + alignment - 1) & -alignment;
  }
}
