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
import static io.capsa.sys.ffm.NativeMemory.offset;
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
import java.util.ArrayList;
import java.util.List;

/** Unix socket pairs and passing descriptors over them (SCM_RIGHTS). */
final class SocketCalls {
  private static final StructLayout IOVEC =
      struct(SIZEOF_STRUCT_IOVEC, ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
  private static final long IOV_BASE = offset(IOVEC, "iov_base");
  private static final long IOV_LEN = offset(IOVEC, "iov_len");

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
  private static final long MSG_IOV = offset(MSGHDR, "msg_iov");
  private static final long MSG_IOVLEN = offset(MSGHDR, "msg_iovlen");
  private static final long MSG_CONTROL = offset(MSGHDR, "msg_control");
  private static final long MSG_CONTROLLEN = offset(MSGHDR, "msg_controllen");
  private static final long MSG_FLAGS = offset(MSGHDR, "msg_flags");

  /** struct cmsghdr; the payload (here: the descriptors) follows it, aligned like it. */
  private static final StructLayout CMSGHDR =
      struct(
          SIZEOF_STRUCT_CMSGHDR,
          JAVA_LONG.withName("cmsg_len"),
          JAVA_INT.withName("cmsg_level"),
          JAVA_INT.withName("cmsg_type"));

  private static final long CMSG_LEN = offset(CMSGHDR, "cmsg_len");
  private static final long CMSG_LEVEL = offset(CMSGHDR, "cmsg_level");
  private static final long CMSG_TYPE = offset(CMSGHDR, "cmsg_type");

  private SocketCalls() {}

  static SocketPair socketpair(HostSyscalls owner, int domain, int type, int protocol) {
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
        control.set(JAVA_LONG, CMSG_LEN, controlLength(fds.size()));
        control.set(JAVA_INT, CMSG_LEVEL, (int) constant(SOL_SOCKET));
        control.set(JAVA_INT, CMSG_TYPE, (int) constant(SCM_RIGHTS));
        for (int i = 0; i < fds.size(); i++) {
          control.set(JAVA_INT, CMSGHDR.byteSize() + (long) i * Integer.BYTES, fds.get(i).number());
        }
      }
      MemorySegment message = message(arena, payload, data.length, control);
      return Kernel.callInt(
          Syscall.SENDMSG, null, socket.number(), message.address(), constant(MSG_NOSIGNAL));
    }
  }

  static ReceivedMessage recvmsg(HostSyscalls owner, Fd socket, byte[] buffer, int maxFds) {
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
      List<Fd> fds = receivedFds(owner, control.asSlice(0, message.get(JAVA_LONG, MSG_CONTROLLEN)));
      MemorySegment.copy(payload, JAVA_BYTE, 0, buffer, 0, length);
      int flags = message.get(JAVA_INT, MSG_FLAGS);
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
    iovec.set(ADDRESS, IOV_BASE, payload);
    iovec.set(JAVA_LONG, IOV_LEN, (long) length);
    MemorySegment message = arena.allocate(MSGHDR);
    message.set(ADDRESS, MSG_IOV, iovec);
    message.set(JAVA_LONG, MSG_IOVLEN, 1L);
    if (control.byteSize() > 0) {
      message.set(ADDRESS, MSG_CONTROL, control);
      message.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
    }
    return message;
  }

  /** The descriptors of every SCM_RIGHTS message in the control data recvmsg filled in. */
  private static List<Fd> receivedFds(HostSyscalls owner, MemorySegment control) {
    List<Fd> fds = new ArrayList<>();
    for (long at = 0; at + CMSGHDR.byteSize() <= control.byteSize(); ) {
      MemorySegment header = control.asSlice(at);
      long length = header.get(JAVA_LONG, CMSG_LEN);
      if (length < CMSGHDR.byteSize() || at + length > control.byteSize()) {
        break;
      }
      if (header.get(JAVA_INT, CMSG_LEVEL) == constant(SOL_SOCKET)
          && header.get(JAVA_INT, CMSG_TYPE) == constant(SCM_RIGHTS)) {
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
