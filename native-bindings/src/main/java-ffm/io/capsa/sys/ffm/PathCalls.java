package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.RESOLVE_BENEATH;
import static io.capsa.sys.ArchConstant.RESOLVE_IN_ROOT;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_OPEN_HOW;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_STATFS;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_STATX;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.cString;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static io.capsa.sys.ffm.NativeMemory.struct;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.StatFs;
import io.capsa.sys.Statx;
import io.capsa.sys.Syscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/** Calls that name a file by a path relative to a directory fd: openat2, mkdirat, statx, .... */
final class PathCalls {
  private static final StructLayout OPEN_HOW =
      struct(
          SIZEOF_STRUCT_OPEN_HOW,
          JAVA_LONG.withName("flags"),
          JAVA_LONG.withName("mode"),
          JAVA_LONG.withName("resolve"));
  private static final long OPEN_HOW_FLAGS = offset(OPEN_HOW, "flags");
  private static final long OPEN_HOW_MODE = offset(OPEN_HOW, "mode");
  private static final long OPEN_HOW_RESOLVE = offset(OPEN_HOW, "resolve");

  private static final StructLayout STATFS =
      struct(
          SIZEOF_STRUCT_STATFS,
          JAVA_LONG.withName("f_type"),
          JAVA_LONG.withName("f_bsize"),
          JAVA_LONG.withName("f_blocks"),
          JAVA_LONG.withName("f_bfree"),
          JAVA_LONG.withName("f_bavail"),
          JAVA_LONG.withName("f_files"),
          JAVA_LONG.withName("f_ffree"),
          sequenceLayout(2, JAVA_INT).withName("f_fsid"),
          JAVA_LONG.withName("f_namelen"),
          JAVA_LONG.withName("f_frsize"),
          JAVA_LONG.withName("f_flags"),
          sequenceLayout(4, JAVA_LONG).withName("f_spare"));
  private static final long STATFS_TYPE = offset(STATFS, "f_type");
  private static final long STATFS_FLAGS = offset(STATFS, "f_flags");

  private static final StructLayout STATX_TIMESTAMP =
      structLayout(
          JAVA_LONG.withName("tv_sec"),
          JAVA_INT.withName("tv_nsec"),
          JAVA_INT.withName("reserved"));

  /** The kernel's struct statx up to stx_mnt_id; the rest of its 256 bytes is for newer fields. */
  private static final StructLayout STATX =
      struct(
          SIZEOF_STRUCT_STATX,
          JAVA_INT.withName("stx_mask"),
          JAVA_INT.withName("stx_blksize"),
          JAVA_LONG.withName("stx_attributes"),
          JAVA_INT.withName("stx_nlink"),
          JAVA_INT.withName("stx_uid"),
          JAVA_INT.withName("stx_gid"),
          JAVA_SHORT.withName("stx_mode"),
          paddingLayout(2),
          JAVA_LONG.withName("stx_ino"),
          JAVA_LONG.withName("stx_size"),
          JAVA_LONG.withName("stx_blocks"),
          JAVA_LONG.withName("stx_attributes_mask"),
          STATX_TIMESTAMP.withName("stx_atime"),
          STATX_TIMESTAMP.withName("stx_btime"),
          STATX_TIMESTAMP.withName("stx_ctime"),
          STATX_TIMESTAMP.withName("stx_mtime"),
          JAVA_INT.withName("stx_rdev_major"),
          JAVA_INT.withName("stx_rdev_minor"),
          JAVA_INT.withName("stx_dev_major"),
          JAVA_INT.withName("stx_dev_minor"),
          JAVA_LONG.withName("stx_mnt_id"),
          paddingLayout(104));

  private static final long STATX_MASK = offset(STATX, "stx_mask");
  private static final long STATX_NLINK = offset(STATX, "stx_nlink");
  private static final long STATX_UID = offset(STATX, "stx_uid");
  private static final long STATX_GID = offset(STATX, "stx_gid");
  private static final long STATX_MODE = offset(STATX, "stx_mode");
  private static final long STATX_INO = offset(STATX, "stx_ino");
  private static final long STATX_SIZE = offset(STATX, "stx_size");
  private static final long STATX_RDEV_MAJOR = offset(STATX, "stx_rdev_major");
  private static final long STATX_RDEV_MINOR = offset(STATX, "stx_rdev_minor");
  private static final long STATX_DEV_MAJOR = offset(STATX, "stx_dev_major");
  private static final long STATX_DEV_MINOR = offset(STATX, "stx_dev_minor");
  private static final long STATX_MNT_ID = offset(STATX, "stx_mnt_id");

  /** PATH_MAX: the longest path the kernel returns from readlink on a first try. */
  private static final int PATH_MAX = 4096;

  private PathCalls() {}

  static Fd openat2(HostSyscalls owner, Fd dir, String path, OpenHow how) {
    boolean confined =
        (how.resolve() & (constant(RESOLVE_IN_ROOT) | constant(RESOLVE_BENEATH))) != 0;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment openHow = arena.allocate(OPEN_HOW);
      openHow.set(JAVA_LONG, OPEN_HOW_FLAGS, how.flags() | constant(O_CLOEXEC));
      openHow.set(JAVA_LONG, OPEN_HOW_MODE, how.mode());
      openHow.set(JAVA_LONG, OPEN_HOW_RESOLVE, how.resolve());
      int fd =
          Kernel.callInt(
              Syscall.OPENAT2,
              () -> confined ? PathNames.under(dir, path) : PathNames.at(dir, path),
              dir.number(),
              cString(arena, path).address(),
              openHow.address(),
              OPEN_HOW.byteSize());
      return Fd.owned(fd, owner);
    }
  }

  static void mkdirat(Fd dir, String path, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      Kernel.call(
          Syscall.MKDIRAT,
          () -> PathNames.at(dir, path),
          dir.number(),
          cString(arena, path).address(),
          mode);
    }
  }

  static void unlinkat(Fd dir, String path, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      Kernel.call(
          Syscall.UNLINKAT,
          () -> PathNames.at(dir, path),
          dir.number(),
          cString(arena, path).address(),
          flags);
    }
  }

  static String readlinkat(Fd dir, String path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cPath = cString(arena, path);
      // readlink truncates silently; a result that fills the buffer may be cut, so retry larger.
      for (int capacity = PATH_MAX; ; capacity *= 2) {
        MemorySegment target = arena.allocate(capacity);
        int length =
            Kernel.callInt(
                Syscall.READLINKAT,
                () -> PathNames.at(dir, path),
                dir.number(),
                cPath.address(),
                target.address(),
                capacity);
        if (length < capacity) {
          return new String(target.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        }
      }
    }
  }

  static StatFs fstatfs(Fd fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment statfs = arena.allocate(STATFS);
      Kernel.call(Syscall.FSTATFS, null, fd.number(), statfs.address());
      return new StatFs(statfs.get(JAVA_LONG, STATFS_TYPE), statfs.get(JAVA_LONG, STATFS_FLAGS));
    }
  }

  static Statx statx(Fd dir, String path, int flags, int mask) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment statx = arena.allocate(STATX);
      Kernel.call(
          Syscall.STATX,
          () -> PathNames.at(dir, path),
          dir.number(),
          cString(arena, path).address(),
          flags,
          mask,
          statx.address());
      return new Statx(
          statx.get(JAVA_INT, STATX_MASK),
          Short.toUnsignedInt(statx.get(JAVA_SHORT, STATX_MODE)),
          statx.get(JAVA_INT, STATX_UID),
          statx.get(JAVA_INT, STATX_GID),
          statx.get(JAVA_INT, STATX_NLINK),
          statx.get(JAVA_LONG, STATX_INO),
          statx.get(JAVA_LONG, STATX_SIZE),
          statx.get(JAVA_INT, STATX_DEV_MAJOR),
          statx.get(JAVA_INT, STATX_DEV_MINOR),
          statx.get(JAVA_INT, STATX_RDEV_MAJOR),
          statx.get(JAVA_INT, STATX_RDEV_MINOR),
          statx.get(JAVA_LONG, STATX_MNT_ID));
    }
  }
}
