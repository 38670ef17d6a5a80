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
import static io.capsa.sys.ffm.NativeMemory.field;
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
import java.lang.invoke.VarHandle;
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
  private static final VarHandle PROG_TYPE = field(PROG_LOAD, "prog_type");
  private static final VarHandle INSN_CNT = field(PROG_LOAD, "insn_cnt");
  private static final VarHandle INSNS = field(PROG_LOAD, "insns");
  private static final VarHandle LICENSE = field(PROG_LOAD, "license");
  private static final VarHandle LOG_LEVEL = field(PROG_LOAD, "log_level");
  private static final VarHandle LOG_SIZE_FIELD = field(PROG_LOAD, "log_size");
  private static final VarHandle LOG_BUF = field(PROG_LOAD, "log_buf");

  private static final StructLayout PROG_ATTACH =
      structLayout(
          JAVA_INT.withName("target_fd"),
          JAVA_INT.withName("attach_bpf_fd"),
          JAVA_INT.withName("attach_type"),
          JAVA_INT.withName("attach_flags"),
          JAVA_INT.withName("replace_bpf_fd"));
  private static final VarHandle TARGET_FD = field(PROG_ATTACH, "target_fd");
  private static final VarHandle ATTACH_BPF_FD = field(PROG_ATTACH, "attach_bpf_fd");
  private static final VarHandle ATTACH_TYPE = field(PROG_ATTACH, "attach_type");
  private static final VarHandle ATTACH_FLAGS = field(PROG_ATTACH, "attach_flags");

  private static final StructLayout PROG_QUERY =
      structLayout(
          JAVA_INT.withName("target_fd"),
          JAVA_INT.withName("attach_type"),
          JAVA_INT.withName("query_flags"),
          JAVA_INT.withName("attach_flags"),
          JAVA_LONG.withName("prog_ids"),
          JAVA_INT.withName("prog_cnt"),
          paddingLayout(4));
  private static final VarHandle QUERY_TARGET_FD = field(PROG_QUERY, "target_fd");
  private static final VarHandle QUERY_ATTACH_TYPE = field(PROG_QUERY, "attach_type");
  private static final VarHandle QUERY_PROG_IDS = field(PROG_QUERY, "prog_ids");
  private static final VarHandle QUERY_PROG_CNT = field(PROG_QUERY, "prog_cnt");

  private static final StructLayout GET_FD_BY_ID =
      structLayout(
          JAVA_INT.withName("prog_id"),
          JAVA_INT.withName("next_id"),
          JAVA_INT.withName("open_flags"));
  private static final VarHandle PROG_ID = field(GET_FD_BY_ID, "prog_id");

  static {
    checkOffset(PROG_LOAD, "license", OFFSETOF_BPF_ATTR_LICENSE);
    checkOffset(PROG_LOAD, "log_buf", OFFSETOF_BPF_ATTR_LOG_BUF);
    checkOffset(PROG_LOAD, "prog_name", OFFSETOF_BPF_ATTR_PROG_NAME);
    checkOffset(PROG_LOAD, "expected_attach_type", OFFSETOF_BPF_ATTR_EXPECTED_ATTACH_TYPE);
    checkOffset(PROG_ATTACH, "attach_flags", OFFSETOF_BPF_ATTR_ATTACH_FLAGS);
    checkOffset(PROG_QUERY, "prog_ids", OFFSETOF_BPF_ATTR_QUERY_PROG_IDS);
    checkOffset(PROG_QUERY, "prog_cnt", OFFSETOF_BPF_ATTR_QUERY_PROG_CNT);
  }

  private final HostSyscalls owner;

  BpfCalls(HostSyscalls owner) {
    this.owner = owner;
  }

  /**
   * Loads without a log first: a log costs the verifier time, and a log buffer that is too
   * small fails a load that would have succeeded. Only a refused program is loaded again with
   * one, to say why.
   */
  Fd progLoad(int programType, byte[] instructions, String license, String name) {
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
      PROG_TYPE.set(attr, 0L, programType);
      INSN_CNT.set(attr, 0L, instructions.length / INSTRUCTION_SIZE);
      INSNS.set(attr, 0L, arena.allocateFrom(JAVA_BYTE, instructions).address());
      LICENSE.set(attr, 0L, cString(arena, license).address());
      MemorySegment.copy(nameBytes, 0, attr, JAVA_BYTE,
          PROG_LOAD.byteOffset(PathElement.groupElement("prog_name")), nameBytes.length);
      try {
        return Fd.owned(bpf(BPF_PROG_LOAD, attr, () -> program), owner);
      } catch (SyscallException refused) {
        if (!refused.is(Errno.EINVAL) && !refused.is(Errno.EACCES)) {
          throw refused;
        }
        MemorySegment log = arena.allocate(LOG_SIZE);
        LOG_LEVEL.set(attr, 0L, LOG_LEVEL_VERBOSE);
        LOG_SIZE_FIELD.set(attr, 0L, LOG_SIZE);
        LOG_BUF.set(attr, 0L, log.address());
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
      ATTACH_FLAGS.set(attr, 0L, flags);
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
    TARGET_FD.set(attr, 0L, target.number());
    ATTACH_BPF_FD.set(attr, 0L, program.number());
    ATTACH_TYPE.set(attr, 0L, attachType);
    return attr;
  }

  static List<Integer> progQuery(Fd target, int attachType) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ids = arena.allocate(JAVA_INT, QUERY_CAPACITY);
      MemorySegment attr = arena.allocate(PROG_QUERY);
      QUERY_TARGET_FD.set(attr, 0L, target.number());
      QUERY_ATTACH_TYPE.set(attr, 0L, attachType);
      QUERY_PROG_IDS.set(attr, 0L, ids.address());
      QUERY_PROG_CNT.set(attr, 0L, QUERY_CAPACITY);
      bpf(BPF_PROG_QUERY, attr, () -> PathNames.at(target, ""));
      int count = (int) QUERY_PROG_CNT.get(attr, 0L);
      List<Integer> result = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        result.add(ids.getAtIndex(JAVA_INT, i));
      }
      return List.copyOf(result);
    }
  }

  Fd progGetFdById(int id) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(GET_FD_BY_ID);
      PROG_ID.set(attr, 0L, id);
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
