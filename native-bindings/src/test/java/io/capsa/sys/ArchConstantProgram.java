package io.capsa.sys;

import static java.util.Map.entry;

import io.capsa.sys.testing.TestResources;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the C program that prints every {@link ArchConstant} as the compiling architecture's
 * headers define it, one "NAME VALUE" line each. It is generated from the enum, so a new entry is
 * checked without anyone touching the test.
 */
final class ArchConstantProgram {
  private static final String STRUCT_SIZE_PREFIX = "SIZEOF_";
  private static final String FIELD_OFFSET_PREFIX = "OFFSETOF_";
  private static final String INCLUDES = "uapi-constants.h";

  /** The C type each SIZEOF_* entry is the size of; the entry names alone are not C. */
  private static final Map<ArchConstant, String> STRUCT_SIZE_TYPES =
      Map.ofEntries(
          entry(ArchConstant.SIZEOF_STRUCT_OPEN_HOW, "struct open_how"),
          entry(ArchConstant.SIZEOF_STRUCT_CLONE_ARGS, "struct clone_args"),
          entry(ArchConstant.SIZEOF_STRUCT_MOUNT_ATTR, "struct mount_attr"),
          entry(ArchConstant.SIZEOF_STRUCT_STATX, "struct statx"),
          entry(ArchConstant.SIZEOF_STRUCT_TERMIOS_KERNEL, "struct termios"),
          entry(ArchConstant.SIZEOF_STRUCT_WINSIZE, "struct winsize"),
          entry(ArchConstant.SIZEOF_STRUCT_SCHED_ATTR, "struct sched_attr"),
          entry(ArchConstant.SIZEOF_STRUCT_CAP_HEADER, "struct __user_cap_header_struct"),
          entry(ArchConstant.SIZEOF_STRUCT_CAP_DATA, "struct __user_cap_data_struct"),
          entry(ArchConstant.SIZEOF_STRUCT_SOCK_FILTER, "struct sock_filter"),
          entry(ArchConstant.SIZEOF_STRUCT_SOCK_FPROG, "struct sock_fprog"),
          entry(ArchConstant.SIZEOF_STRUCT_MSGHDR, "struct msghdr"),
          entry(ArchConstant.SIZEOF_STRUCT_CMSGHDR, "struct cmsghdr"),
          entry(ArchConstant.SIZEOF_STRUCT_IOVEC, "struct iovec"),
          entry(ArchConstant.SIZEOF_STRUCT_SOCKADDR_UN, "struct sockaddr_un"),
          entry(ArchConstant.SIZEOF_STRUCT_POLLFD, "struct pollfd"),
          entry(ArchConstant.SIZEOF_STRUCT_TIMESPEC, "struct timespec"),
          entry(ArchConstant.SIZEOF_STRUCT_IFREQ, "struct ifreq"),
          entry(ArchConstant.SIZEOF_SIGINFO_T, "siginfo_t"),
          entry(ArchConstant.SIZEOF_SIGSET_T, "sigset_t"),
          entry(ArchConstant.SIZEOF_STRUCT_STATFS, "struct statfs"),
          entry(ArchConstant.SIZEOF_STRUCT_UTSNAME, "struct utsname"),
          entry(ArchConstant.SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T, "posix_spawn_file_actions_t"),
          entry(ArchConstant.SIZEOF_POSIX_SPAWNATTR_T, "posix_spawnattr_t"));

  /** The C type and field each OFFSETOF_* entry is the offset of, as offsetof's arguments. */
  private static final Map<ArchConstant, String> FIELD_OFFSETS =
      Map.ofEntries(
          entry(ArchConstant.OFFSETOF_STATX_MODE, "struct statx, stx_mode"),
          entry(ArchConstant.OFFSETOF_STATX_RDEV_MAJOR, "struct statx, stx_rdev_major"),
          entry(ArchConstant.OFFSETOF_STATX_RDEV_MINOR, "struct statx, stx_rdev_minor"),
          entry(ArchConstant.OFFSETOF_TERMIOS_C_IFLAG, "struct termios, c_iflag"),
          entry(ArchConstant.OFFSETOF_TERMIOS_C_OFLAG, "struct termios, c_oflag"),
          entry(ArchConstant.OFFSETOF_TERMIOS_C_CFLAG, "struct termios, c_cflag"),
          entry(ArchConstant.OFFSETOF_TERMIOS_C_LFLAG, "struct termios, c_lflag"),
          entry(ArchConstant.OFFSETOF_TERMIOS_C_CC, "struct termios, c_cc"),
          entry(ArchConstant.OFFSETOF_IFREQ_FLAGS, "struct ifreq, ifr_flags"),
          entry(ArchConstant.OFFSETOF_SOCKADDR_UN_SUN_PATH, "struct sockaddr_un, sun_path"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_LICENSE, "union bpf_attr, license"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_LOG_BUF, "union bpf_attr, log_buf"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_PROG_NAME, "union bpf_attr, prog_name"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_EXPECTED_ATTACH_TYPE,
              "union bpf_attr, expected_attach_type"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_ATTACH_FLAGS, "union bpf_attr, attach_flags"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_QUERY_PROG_IDS, "union bpf_attr, query.prog_ids"),
          entry(ArchConstant.OFFSETOF_BPF_ATTR_QUERY_PROG_CNT, "union bpf_attr, query.prog_cnt"));

  private ArchConstantProgram() {}

  /**
   * The SIZEOF_* and OFFSETOF_* entries the program could not print because no C type (and
   * field) is listed for them.
   */
  static List<ArchConstant> structSizesWithoutType() {
    return Arrays.stream(ArchConstant.values())
        .filter(constant -> constant.name().startsWith(STRUCT_SIZE_PREFIX)
            && !STRUCT_SIZE_TYPES.containsKey(constant)
            || constant.name().startsWith(FIELD_OFFSET_PREFIX)
            && !FIELD_OFFSETS.containsKey(constant))
        .collect(Collectors.toList());
  }

  static String source() {
    List<ArchConstant> withoutType = structSizesWithoutType();
    if (!withoutType.isEmpty()) {
      throw new IllegalStateException("no C type listed for " + withoutType);
    }
    StringBuilder program =
        new StringBuilder(TestResources.read(ArchConstantProgram.class, INCLUDES));
    program.append("#include <stdio.h>\n\nint main(void) {\n");
    for (ArchConstant constant : ArchConstant.values()) {
      // Through long long, so that negative (AT_FDCWD) and 64-bit values print exactly.
      program
          .append("  printf(\"")
          .append(constant.name())
          .append(" %lld\\n\", (long long) (")
          .append(cExpression(constant))
          .append("));\n");
    }
    return program.append("  return 0;\n}\n").toString();
  }

  private static String cExpression(ArchConstant constant) {
    String structType = STRUCT_SIZE_TYPES.get(constant);
    if (structType != null) {
      return "sizeof(" + structType + ")";
    }
    String field = FIELD_OFFSETS.get(constant);
    return field == null ? constant.name() : "offsetof(" + field + ")";
  }
}
