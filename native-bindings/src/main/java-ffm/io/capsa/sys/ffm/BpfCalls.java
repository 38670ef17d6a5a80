package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.BPF_PROG_ATTACH;
import static io.capsa.sys.ArchConstant.BPF_PROG_DETACH;
import static io.capsa.sys.ArchConstant.BPF_PROG_GET_FD_BY_ID;
import static io.capsa.sys.ArchConstant.BPF_PROG_LOAD;
import static io.capsa.sys.ArchConstant.BPF_PROG_QUERY;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_ATTACH_FLAGS;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_EXPECTED_ATTACH_TYPE;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_LICENSE;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_LOG_BUF;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_PROG_NAME;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_QUERY_PROG_CNT;
import static io.capsa.sys.ArchConstant.OFFSETOF_BPF_ATTR_QUERY_PROG_IDS;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.cString;
import static io.capsa.sys.ffm.NativeMemory.checkOffset;
import static io.capsa.sys.ffm.NativeMemory.offset;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.capsa.sys.ArchConstant;
import io.capsa.sys.BpfLoadException;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Syscall;
import io.capsa.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * bpf(2) for cgroup programs: load, attach, detach, query, and reopen by id. {@code union
 * bpf_attr} grows with every kernel, so each command gets only the prefix it uses (the kernel
 * zero-fills the rest); the offsets of those prefixes are checked against the headers' through
 * the architecture table when this class loads.
 */
final class BpfCalls {
  private static final int INSTRUCTION_SIZE = 8;
  private static final int PROG_NAME_SIZE = 16;
  /** The verifier's log of a refused program; a megabyte holds the log of any program we load. */
  private static final int LOG_SIZE = 1 << 20;
  private static final int LOG_LEVEL_VERBOSE = 1;
  /** Enough for every program a cgroup can have (the kernel's limit is 64). */
  private static final int QUERY_CAPACITY = 64;

  private static final StructLayout PROG_LOAD =
      structLayout(
          JAVA_INT.withName("prog_type"),
          JAVA_INT.withName("insn_cnt"),
          JAVA_LONG.withName("insns"),
          JAVA_LONG.withName("license"),
          JAVA_INT.withName("log_level"),
          JAVA_INT.withName("log_size"),
          JAVA_LONG.withName("log_buf"),
          JAVA_INT.withName("kern_version"),
          JAVA_INT.withName("prog_flags"),
          sequenceLayout(PROG_NAME_SIZE, JAVA_BYTE).withName("prog_name"),
          JAVA_INT.withName("prog_ifindex"),
          JAVA_INT.withName("expected_attach_type"));
  private static final long PROG_TYPE = offset(PROG_LOAD, "prog_type");
  private static final long INSN_CNT = offset(PROG_LOAD, "insn_cnt");
  private static final long INSNS = offset(PROG_LOAD, "insns");
  private static final long LICENSE = offset(PROG_LOAD, "license");
  private static final long LOG_LEVEL = offset(PROG_LOAD, "log_level");
  private static final long LOG_SIZE_FIELD = offset(PROG_LOAD, "log_size");
  private static final long LOG_BUF = offset(PROG_LOAD, "log_buf");

  private static final StructLayout PROG_ATTACH =
      structLayout(
          JAVA_INT.withName("target_fd"),
          JAVA_INT.withName("attach_bpf_fd"),
          JAVA_INT.withName("attach_type"),
          JAVA_INT.withName("attach_flags"),
          JAVA_INT.withName("replace_bpf_fd"));
  private static final long TARGET_FD = offset(PROG_ATTACH, "target_fd");
  private static final long ATTACH_BPF_FD = offset(PROG_ATTACH, "attach_bpf_fd");
  private static final long ATTACH_TYPE = offset(PROG_ATTACH, "attach_type");
  private static final long ATTACH_FLAGS = offset(PROG_ATTACH, "attach_flags");

  private static final StructLayout PROG_QUERY =
      structLayout(
          JAVA_INT.withName("target_fd"),
          JAVA_INT.withName("attach_type"),
          JAVA_INT.withName("query_flags"),
          JAVA_INT.withName("attach_flags"),
          JAVA_LONG.withName("prog_ids"),
          JAVA_INT.withName("prog_cnt"),
          paddingLayout(4));
  private static final long QUERY_TARGET_FD = offset(PROG_QUERY, "target_fd");
  private static final long QUERY_ATTACH_TYPE = offset(PROG_QUERY, "attach_type");
  private static final long QUERY_PROG_IDS = offset(PROG_QUERY, "prog_ids");
  private static final long QUERY_PROG_CNT = offset(PROG_QUERY, "prog_cnt");

  private static final StructLayout GET_FD_BY_ID =
      structLayout(
          JAVA_INT.withName("prog_id"),
          JAVA_INT.withName("next_id"),
          JAVA_INT.withName("open_flags"));
  private static final long PROG_ID = offset(GET_FD_BY_ID, "prog_id");

  static {
    checkOffset(PROG_LOAD, "license", OFFSETOF_BPF_ATTR_LICENSE);
    checkOffset(PROG_LOAD, "log_buf", OFFSETOF_BPF_ATTR_LOG_BUF);
    checkOffset(PROG_LOAD, "prog_name", OFFSETOF_BPF_ATTR_PROG_NAME);
    checkOffset(PROG_LOAD, "expected_attach_type", OFFSETOF_BPF_ATTR_EXPECTED_ATTACH_TYPE);
    checkOffset(PROG_ATTACH, "attach_flags", OFFSETOF_BPF_ATTR_ATTACH_FLAGS);
    checkOffset(PROG_QUERY, "prog_ids", OFFSETOF_BPF_ATTR_QUERY_PROG_IDS);
    checkOffset(PROG_QUERY, "prog_cnt", OFFSETOF_BPF_ATTR_QUERY_PROG_CNT);
  }

  private BpfCalls() {}

  /**
   * Loads without a log first: a log costs the verifier time, and a log buffer that is too
   * small fails a load that would have succeeded. Only a refused program is loaded again with
   * one, to say why.
   */
  static Fd progLoad(HostSyscalls owner, int programType, byte[] instructions, String license,
      String name) {
    if (instructions.length == 0 || instructions.length % INSTRUCTION_SIZE != 0) {
      throw new IllegalArgumentException(
          "a BPF program is a whole number of 8-byte instructions, not " + instructions.length
              + " bytes");
    }
    byte[] nameBytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length >= PROG_NAME_SIZE) {
      throw new IllegalArgumentException("BPF program name longer than 15 characters: " + name);
    }
    String program = name == null ? "(unnamed program)" : name;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(PROG_LOAD);
      attr.set(JAVA_INT, PROG_TYPE, programType);
      attr.set(JAVA_INT, INSN_CNT, instructions.length / INSTRUCTION_SIZE);
      attr.set(JAVA_LONG, INSNS, arena.allocateFrom(JAVA_BYTE, instructions).address());
      attr.set(JAVA_LONG, LICENSE, cString(arena, license).address());
      MemorySegment.copy(nameBytes, 0, attr, JAVA_BYTE,
          PROG_LOAD.byteOffset(PathElement.groupElement("prog_name")), nameBytes.length);
      try {
        return Fd.owned(bpf(BPF_PROG_LOAD, attr, () -> program), owner);
      } catch (SyscallException refused) {
        if (!refused.is(Errno.EINVAL) && !refused.is(Errno.EACCES)) {
          throw refused;
        }
        MemorySegment log = arena.allocate(LOG_SIZE);
        attr.set(JAVA_INT, LOG_LEVEL, LOG_LEVEL_VERBOSE);
        attr.set(JAVA_INT, LOG_SIZE_FIELD, LOG_SIZE);
        attr.set(JAVA_LONG, LOG_BUF, log.address());
        try {
          return Fd.owned(bpf(BPF_PROG_LOAD, attr, () -> program), owner);
        } catch (SyscallException withLog) {
          throw new BpfLoadException(withLog.errnoNumber(), program, log.getString(0));
        }
      }
    }
  }

  static void progAttach(Fd target, Fd program, int attachType, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = attachAttr(arena, target, program, attachType);
      attr.set(JAVA_INT, ATTACH_FLAGS, flags);
      bpf(BPF_PROG_ATTACH, attr, () -> PathNames.at(target, ""));
    }
  }

  static void progDetach(Fd target, Fd program, int attachType) {
    try (Arena arena = Arena.ofConfined()) {
      bpf(BPF_PROG_DETACH, attachAttr(arena, target, program, attachType),
          () -> PathNames.at(target, ""));
    }
  }

  private static MemorySegment attachAttr(Arena arena, Fd target, Fd program, int attachType) {
    MemorySegment attr = arena.allocate(PROG_ATTACH);
    attr.set(JAVA_INT, TARGET_FD, target.number());
    attr.set(JAVA_INT, ATTACH_BPF_FD, program.number());
    attr.set(JAVA_INT, ATTACH_TYPE, attachType);
    return attr;
  }

  static List<Integer> progQuery(Fd target, int attachType) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ids = arena.allocate(JAVA_INT, QUERY_CAPACITY);
      MemorySegment attr = arena.allocate(PROG_QUERY);
      attr.set(JAVA_INT, QUERY_TARGET_FD, target.number());
      attr.set(JAVA_INT, QUERY_ATTACH_TYPE, attachType);
      attr.set(JAVA_LONG, QUERY_PROG_IDS, ids.address());
      attr.set(JAVA_INT, QUERY_PROG_CNT, QUERY_CAPACITY);
      bpf(BPF_PROG_QUERY, attr, () -> PathNames.at(target, ""));
      int count = attr.get(JAVA_INT, QUERY_PROG_CNT);
      List<Integer> result = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        result.add(ids.getAtIndex(JAVA_INT, i));
      }
      return List.copyOf(result);
    }
  }

  static Fd progGetFdById(HostSyscalls owner, int id) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(GET_FD_BY_ID);
      attr.set(JAVA_INT, PROG_ID, id);
      return Fd.owned(
          bpf(BPF_PROG_GET_FD_BY_ID, attr, () -> "program id " + Integer.toUnsignedString(id)),
          owner);
    }
  }

  /** bpf(command, attr, size); the error names the command and what it acted on. */
  private static int bpf(ArchConstant command, MemorySegment attr, Supplier<String> subject) {
    return Kernel.callInt(Syscall.BPF, () -> command.name() + " " + subject.get(),
        constant(command), attr.address(), attr.byteSize());
  }
}
