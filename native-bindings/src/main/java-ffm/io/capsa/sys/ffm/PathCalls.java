package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.RESOLVE_BENEATH;
import static io.capsa.sys.ArchConstant.RESOLVE_IN_ROOT;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_OPEN_HOW;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_STATFS;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_STATX;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.cString;
import static io.capsa.sys.ffm.NativeMemory.field;
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
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/** Calls that name a file by a path relative to a directory fd: openat2, mkdirat, statx, .... */
final class PathCalls {
  private static final StructLayout OPEN_HOW =
      struct(
          SIZEOF_STRUCT_OPEN_HOW,
          JAVA_LONG.withName("flags"),
          JAVA_LONG.withName("mode"),
          JAVA_LONG.withName("resolve"));
  private static final VarHandle OPEN_HOW_FLAGS = field(OPEN_HOW, "flags");
  private static final VarHandle OPEN_HOW_MODE = field(OPEN_HOW, "mode");
  private static final VarHandle OPEN_HOW_RESOLVE = field(OPEN_HOW, "resolve");

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
  private static final VarHandle STATFS_TYPE = field(STATFS, "f_type");
  private static final VarHandle STATFS_FLAGS = field(STATFS, "f_flags");

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

  private static final VarHandle STATX_MASK = field(STATX, "stx_mask");
  private static final VarHandle STATX_NLINK = field(STATX, "stx_nlink");
  private static final VarHandle STATX_UID = field(STATX, "stx_uid");
  private static final VarHandle STATX_GID = field(STATX, "stx_gid");
  private static final VarHandle STATX_MODE = field(STATX, "stx_mode");
  private static final VarHandle STATX_INO = field(STATX, "stx_ino");
  private static final VarHandle STATX_SIZE = field(STATX, "stx_size");
  private static final VarHandle STATX_RDEV_MAJOR = field(STATX, "stx_rdev_major");
  private static final VarHandle STATX_RDEV_MINOR = field(STATX, "stx_rdev_minor");
  private static final VarHandle STATX_DEV_MAJOR = field(STATX, "stx_dev_major");
  private static final VarHandle STATX_DEV_MINOR = field(STATX, "stx_dev_minor");
  private static final VarHandle STATX_MNT_ID = field(STATX, "stx_mnt_id");

  /** PATH_MAX: the longest path the kernel returns from readlink on a first try. */
  private static final int PATH_MAX = 4096;

  private final HostSyscalls owner;

  PathCalls(HostSyscalls owner) {
    this.owner = owner;
  }

  Fd openat2(Fd dir, String path, OpenHow how) {
    boolean confined =
        (how.resolve() & (constant(RESOLVE_IN_ROOT) | constant(RESOLVE_BENEATH))) != 0;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment openHow = arena.allocate(OPEN_HOW);
      OPEN_HOW_FLAGS.set(openHow, 0L, how.flags() | constant(O_CLOEXEC));
      OPEN_HOW_MODE.set(openHow, 0L, how.mode());
      OPEN_HOW_RESOLVE.set(openHow, 0L, how.resolve());
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
      return new StatFs((long) STATFS_TYPE.get(statfs, 0L), (long) STATFS_FLAGS.get(statfs, 0L));
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
          (int) STATX_MASK.get(statx, 0L),
          Short.toUnsignedInt((short) STATX_MODE.get(statx, 0L)),
          (int) STATX_UID.get(statx, 0L),
          (int) STATX_GID.get(statx, 0L),
          (int) STATX_NLINK.get(statx, 0L),
          (long) STATX_INO.get(statx, 0L),
          (long) STATX_SIZE.get(statx, 0L),
          (int) STATX_DEV_MAJOR.get(statx, 0L),
          (int) STATX_DEV_MINOR.get(statx, 0L),
          (int) STATX_RDEV_MAJOR.get(statx, 0L),
          (int) STATX_RDEV_MINOR.get(statx, 0L),
          (long) STATX_MNT_ID.get(statx, 0L));
    }
  }
}
