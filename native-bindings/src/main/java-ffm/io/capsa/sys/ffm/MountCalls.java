package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.FSMOUNT_CLOEXEC;
import static io.capsa.sys.ArchConstant.FSOPEN_CLOEXEC;
import static io.capsa.sys.ArchConstant.OPEN_TREE_CLOEXEC;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_MOUNT_ATTR;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.cString;
import static io.capsa.sys.ffm.NativeMemory.cStringOrNull;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.MountAttr;
import io.capsa.sys.Syscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** The fd-based mount API: mounts are created, changed and attached through descriptors. */
final class MountCalls {
  private static final StructLayout MOUNT_ATTR =
      struct(
          SIZEOF_STRUCT_MOUNT_ATTR,
          JAVA_LONG.withName("attr_set"),
          JAVA_LONG.withName("attr_clr"),
          JAVA_LONG.withName("propagation"),
          JAVA_LONG.withName("userns_fd"));
  private static final long ATTR_SET = offset(MOUNT_ATTR, "attr_set");
  private static final long ATTR_CLR = offset(MOUNT_ATTR, "attr_clr");
  private static final long PROPAGATION = offset(MOUNT_ATTR, "propagation");
  private static final long USERNS_FD = offset(MOUNT_ATTR, "userns_fd");

  private MountCalls() {}

  static Fd openTree(HostSyscalls owner, Fd dir, String path, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      int fd =
          Kernel.callInt(
              Syscall.OPEN_TREE,
              () -> PathNames.at(dir, path),
              dir.number(),
              cString(arena, path).address(),
              flags | constant(OPEN_TREE_CLOEXEC));
      return Fd.owned(fd, owner);
    }
  }

  static void moveMount(Fd fromDir, String fromPath, Fd toDir, String toPath, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      Kernel.call(
          Syscall.MOVE_MOUNT,
          () -> PathNames.at(fromDir, fromPath) + " to " + PathNames.at(toDir, toPath),
          fromDir.number(),
          cString(arena, fromPath).address(),
          toDir.number(),
          cString(arena, toPath).address(),
          flags);
    }
  }

  static Fd fsopen(HostSyscalls owner, String fsName, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      int fd =
          Kernel.callInt(
              Syscall.FSOPEN,
              () -> fsName,
              cString(arena, fsName).address(),
              flags | constant(FSOPEN_CLOEXEC));
      return Fd.owned(fd, owner);
    }
  }

  static void fsconfig(Fd fsContext, int command, String key, String value, int aux) {
    try (Arena arena = Arena.ofConfined()) {
      Kernel.call(
          Syscall.FSCONFIG,
          () -> parameter(key, value),
          fsContext.number(),
          command,
          cStringOrNull(arena, key).address(),
          cStringOrNull(arena, value).address(),
          aux);
    }
  }

  /** "key=value" for an error message; what the parameter was is the useful part of fsconfig's. */
  private static String parameter(String key, String value) {
    if (key == null) {
      return null;
    }
    return value == null ? key : key + "=" + value;
  }

  static Fd fsmount(HostSyscalls owner, Fd fsContext, int flags, long attrFlags) {
    int fd =
        Kernel.callInt(
            Syscall.FSMOUNT,
            null,
            fsContext.number(),
            flags | constant(FSMOUNT_CLOEXEC),
            attrFlags);
    return Fd.owned(fd, owner);
  }

  static void mountSetattr(Fd dir, String path, int flags, MountAttr attr) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mountAttr = arena.allocate(MOUNT_ATTR);
      mountAttr.set(JAVA_LONG, ATTR_SET, attr.attrSet());
      mountAttr.set(JAVA_LONG, ATTR_CLR, attr.attrClear());
      mountAttr.set(JAVA_LONG, PROPAGATION, attr.propagation());
      mountAttr.set(JAVA_LONG, USERNS_FD, attr.userNamespaceFd());
      Kernel.call(
          Syscall.MOUNT_SETATTR,
          () -> PathNames.at(dir, path),
          dir.number(),
          cString(arena, path).address(),
          flags,
          mountAttr.address(),
          MOUNT_ATTR.byteSize());
    }
  }

  static void umount2(String target, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      Kernel.call(Syscall.UMOUNT2, () -> target, cString(arena, target).address(), flags);
    }
  }
}
