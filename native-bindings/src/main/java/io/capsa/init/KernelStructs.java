package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lays out the kernel structs syscalls take into a program's blob, each with the text a
 * rendered program shows for it. Sizes come from the architecture's table; the field offsets
 * are those of the LP64 little-endian ABIs Capsa supports, where the layouts agree.
 */
final class KernelStructs {
  /** Offset of {@code userns_fd} in {@code struct mount_attr}. */
  static final int MOUNT_ATTR_USERNS_FD = 24;
  /** Offset of {@code cgroup} in {@code struct clone_args}. */
  static final int CLONE_ARGS_CGROUP = 80;

  /** _LINUX_CAPABILITY_VERSION_3 (linux/capability.h): 64-bit sets in two 32-bit halves. */
  private static final int CAPABILITY_VERSION_3 = 0x20080522;

  private final Blob blob;
  private final Arch arch;

  KernelStructs(Blob blob, Arch arch) {
    this.blob = blob;
    this.arch = arch;
  }

  /** A field of a struct laid out earlier, e.g. for a store op to fill in. */
  static Arg.BlobRef field(Arg.BlobRef struct, int offset, String name) {
    return new Arg.BlobRef(struct.offset() + offset, "<" + name + ">");
  }

  Arg.BlobRef openHow(long flags, long mode, long resolve) {
    int how = reserve(SIZEOF_STRUCT_OPEN_HOW);
    blob.putLong(how, flags);
    blob.putLong(how + 8, mode);
    blob.putLong(how + 16, resolve);
    return new Arg.BlobRef(how, "{flags=" + Formats.OPEN.format(flags, arch) + ", mode="
        + ValueFormat.OCTAL.format(mode, arch) + ", resolve="
        + Formats.RESOLVE.format(resolve, arch) + "}");
  }

  /** A mount_attr; a {@code usernsFd} that is not an immediate is left 0 for a store op. */
  Arg.BlobRef mountAttr(long attrSet, long attrClear, long propagation, Arg usernsFd) {
    int attr = reserve(SIZEOF_STRUCT_MOUNT_ATTR);
    blob.putLong(attr, attrSet);
    blob.putLong(attr + 8, attrClear);
    blob.putLong(attr + 16, propagation);
    if (usernsFd instanceof Arg.Immediate immediate) {
      blob.putLong(attr + MOUNT_ATTR_USERNS_FD, immediate.value());
    }
    return new Arg.BlobRef(attr, "{set=" + Formats.MOUNT_ATTR.format(attrSet, arch) + ", clear="
        + Formats.MOUNT_ATTR.format(attrClear, arch) + ", propagation="
        + Formats.PROPAGATION.format(propagation, arch) + ", userns_fd="
        + ProgramRenderer.show(usernsFd, arch) + "}");
  }

  /** A clone_args for fork semantics (no new stack); a {@code cgroupFd} as in mountAttr. */
  Arg.BlobRef cloneArgs(long flags, long exitSignal, Arg cgroupFd) {
    int args = reserve(SIZEOF_STRUCT_CLONE_ARGS);
    blob.putLong(args, flags);
    blob.putLong(args + 32, exitSignal);
    if (cgroupFd instanceof Arg.Immediate immediate) {
      blob.putLong(args + CLONE_ARGS_CGROUP, immediate.value());
    }
    return new Arg.BlobRef(args, "{flags=" + Formats.NAMESPACES.format(flags, arch)
        + ", exit_signal=" + Formats.SIGNAL.format(exitSignal, arch)
        + (cgroupFd == null ? "" : ", cgroup=" + ProgramRenderer.show(cgroupFd, arch)) + "}");
  }

  Arg.BlobRef winsize(int rows, int columns) {
    int winsize = reserve(SIZEOF_STRUCT_WINSIZE);
    blob.putShort(winsize, rows);
    blob.putShort(winsize + 2, columns);
    return new Arg.BlobRef(winsize, "{rows=" + rows + ", columns=" + columns + "}");
  }

  /** A struct ifreq naming interface {@code name}, with {@code flags} in its ifr_flags. */
  Arg.BlobRef ifreqFlags(String name, long flags) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length >= arch.constant(IFNAMSIZ) || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid interface name \"" + name.replace("\0", "\\0")
          + "\": at most " + (arch.constant(IFNAMSIZ) - 1) + " bytes, no NUL");
    }
    int request = reserve(SIZEOF_STRUCT_IFREQ);
    for (int i = 0; i < utf8.length; i++) {
      blob.putByte(request + i, utf8[i]);
    }
    blob.putShort(request + (int) arch.constant(OFFSETOF_IFREQ_FLAGS), (int) flags);
    return new Arg.BlobRef(request, "{name=" + name + ", flags="
        + Formats.INTERFACE_FLAGS.format(flags, arch) + "}");
  }

  Arg.BlobRef capHeader() {
    int header = reserve(SIZEOF_STRUCT_CAP_HEADER);
    blob.putInt(header, CAPABILITY_VERSION_3);
    return new Arg.BlobRef(header, "{version=3, pid=0}");
  }

  /** The two cap_data structs of version 3: low halves of the sets, then high halves. */
  Arg.BlobRef capData(long effective, long permitted, long inheritable) {
    int size = (int) arch.constant(SIZEOF_STRUCT_CAP_DATA);
    int data = blob.reserve(2 * size, 8);
    for (int half = 0; half < 2; half++) {
      int at = data + half * size;
      int shift = 32 * half;
      blob.putInt(at, effective >>> shift);
      blob.putInt(at + 4, permitted >>> shift);
      blob.putInt(at + 8, inheritable >>> shift);
    }
    return new Arg.BlobRef(data, "{effective=0x" + Long.toHexString(effective)
        + ", permitted=0x" + Long.toHexString(permitted) + ", inheritable=0x"
        + Long.toHexString(inheritable) + "}");
  }

  /** gid_t[] for setgroups. */
  Arg.BlobRef gids(long[] gids) {
    int list = blob.reserve(4 * gids.length, 8);
    for (int i = 0; i < gids.length; i++) {
      blob.putInt(list + 4 * i, gids[i]);
    }
    return new Arg.BlobRef(list, Arrays.stream(gids).mapToObj(Long::toString)
        .collect(Collectors.joining(", ", "[", "]")));
  }

  /** struct rlimit64 {cur, max}; -1 is RLIM_INFINITY. */
  Arg.BlobRef rlimit(long soft, long hard) {
    int limit = blob.reserve(16, 8);
    blob.putLong(limit, soft);
    blob.putLong(limit + 8, hard);
    return new Arg.BlobRef(limit, "{soft=" + limitText(soft) + ", hard=" + limitText(hard) + "}");
  }

  static String limitText(long limit) {
    return limit == InitProgramBuilder.UNLIMITED ? "unlimited" : Long.toString(limit);
  }

  /** A sock_fprog pointing at the filter's sock_filter array. */
  Arg.BlobRef sockFprog(List<SockFilter> filter) {
    int instructionSize = (int) arch.constant(SIZEOF_STRUCT_SOCK_FILTER);
    int instructions = blob.reserve(instructionSize * filter.size(), 8);
    for (int i = 0; i < filter.size(); i++) {
      SockFilter insn = filter.get(i);
      int at = instructions + instructionSize * i;
      blob.putShort(at, insn.code());
      blob.putByte(at + 2, insn.jt());
      blob.putByte(at + 3, insn.jf());
      blob.putInt(at + 4, insn.k());
    }
    int program = reserve(SIZEOF_STRUCT_SOCK_FPROG);
    blob.putShort(program, filter.size());
    blob.putPointer(program + 8, instructions);
    return new Arg.BlobRef(program, "<filter of " + filter.size() + " instructions>");
  }

  Arg.BlobRef schedAttr(long policy, long flags, int nice, int priority, long runtime,
      long deadline, long period) {
    int size = (int) arch.constant(SIZEOF_STRUCT_SCHED_ATTR);
    int attr = blob.reserve(size, 8);
    blob.putInt(attr, size);
    blob.putInt(attr + 4, policy);
    blob.putLong(attr + 8, flags);
    blob.putInt(attr + 16, nice);
    blob.putInt(attr + 20, priority);
    blob.putLong(attr + 24, runtime);
    blob.putLong(attr + 32, deadline);
    blob.putLong(attr + 40, period);
    return new Arg.BlobRef(attr, "{policy=" + Formats.SCHED_POLICY.format(policy, arch)
        + ", flags=" + flags + ", nice=" + nice + ", priority=" + priority + ", runtime="
        + runtime + ", deadline=" + deadline + ", period=" + period + "}");
  }

  /** A bitmask of CPUs or NUMA nodes, as whole unsigned longs. */
  Arg.BlobRef bitmask(BitSet bits) {
    byte[] mask = Arrays.copyOf(bits.toByteArray(), maskBytes(bits));
    return new Arg.BlobRef(blob.append(mask, 8), bits.toString());
  }

  static int maskBytes(BitSet bits) {
    return Math.max(8, (bits.length() + 63) / 64 * 8);
  }

  /** A msghdr carrying one byte of data and one fd as SCM_RIGHTS, and that fd's field. */
  record ScmRightsMessage(Arg.BlobRef msghdr, Arg.BlobRef fd) {}

  ScmRightsMessage scmRightsMessage(String shown) {
    int cmsghdrSize = (int) arch.constant(SIZEOF_STRUCT_CMSGHDR);
    int controlSize = cmsghdrSize + 8; // CMSG_SPACE(sizeof(int)): the int padded to 8 bytes
    int payload = blob.append(new byte[] {'F'}, 1);
    int iovec = reserve(SIZEOF_STRUCT_IOVEC);
    blob.putPointer(iovec, payload);
    blob.putLong(iovec + 8, 1);
    int control = blob.reserve(controlSize, 8);
    blob.putLong(control, cmsghdrSize + 4); // CMSG_LEN(sizeof(int))
    blob.putInt(control + 8, arch.constant(SOL_SOCKET));
    blob.putInt(control + 12, arch.constant(SCM_RIGHTS));
    int msghdr = reserve(SIZEOF_STRUCT_MSGHDR);
    blob.putPointer(msghdr + 16, iovec);
    blob.putLong(msghdr + 24, 1);
    blob.putPointer(msghdr + 32, control);
    blob.putLong(msghdr + 40, controlSize);
    return new ScmRightsMessage(new Arg.BlobRef(msghdr, shown),
        new Arg.BlobRef(control + cmsghdrSize, "<SCM_RIGHTS fd>"));
  }

  private int reserve(ArchConstant structSize) {
    return blob.reserve((int) arch.constant(structSize), 8);
  }
}
