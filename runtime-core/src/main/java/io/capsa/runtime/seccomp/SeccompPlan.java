package io.capsa.runtime.seccomp;

import static io.capsa.sys.ArchConstant.SECCOMP_FILTER_FLAG_LOG;
import static io.capsa.sys.ArchConstant.SECCOMP_FILTER_FLAG_SPEC_ALLOW;
import static io.capsa.sys.ArchConstant.SECCOMP_FILTER_FLAG_TSYNC;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_ALLOW;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_ERRNO;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_KILL_PROCESS;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_KILL_THREAD;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_LOG;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_TRACE;
import static io.capsa.sys.ArchConstant.SECCOMP_RET_TRAP;
import static io.capsa.sys.ArchConstant.SECCOMP_SET_MODE_FILTER;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.SockFilter;
import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompArch;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.oci.linux.SeccompOperator;
import io.capsa.oci.linux.Syscall;
import io.capsa.oci.linux.SyscallArg;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.SyscallAbi;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A container's {@code linux.seccomp} checked (every problem reported with its JSON path before
 * anything runs) and compiled to the filter capsa-init installs with seccomp(2), as runc does
 * with libseccomp:
 * <ul>
 *   <li>the filter covers the host's native ABI and those of {@code architectures} the kernel
 *       runs (on x86_64: SCMP_ARCH_X86 and SCMP_ARCH_X32); other architectures can never make a
 *       syscall here and are left out;
 *   <li>a syscall name an ABI does not have is skipped on that ABI, as libseccomp skips it, and
 *       one no ABI has is ignored, as runc ignores it (logged at debug level);
 *   <li>SCMP_ACT_ERRNO and SCMP_ACT_TRACE return {@code errnoRet}, EPERM when absent; a rule
 *       with two conditions on the same argument becomes one rule per condition (runc's
 *       reading of such a rule: either condition);
 *   <li>unless the default action lets syscalls through, a syscall numbered above every one
 *       the profile names gets ENOSYS, as runc's patched filter gives, so that a C library
 *       falls back from a syscall newer than the profile (clone3, faccessat2);
 *   <li>SCMP_ACT_NOTIFY (and with it {@code listenerPath} and
 *       SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) is refused: Capsa has no seccomp agent protocol.
 * </ul>
 */
public final class SeccompPlan {
  private static final System.Logger LOG = System.getLogger(SeccompPlan.class.getName());
  /** The largest errno (MAX_ERRNO); the kernel clamps a larger SECCOMP_RET_ERRNO to it. */
  private static final long MAX_ERRNO = 4095;
  private static final int ARGUMENTS = 6;

  private final Arch arch;
  private final List<SockFilter> filter;
  private final List<ArchConstant> flags;

  private SeccompPlan(Arch arch, List<SockFilter> filter, List<ArchConstant> flags) {
    this.arch = arch;
    this.filter = filter;
    this.flags = flags;
  }

  /**
   * Checks and compiles {@code seccomp} (at {@code path}, normally {@code $.linux.seccomp}) for
   * {@code arch}; null when it has problems, each added to {@code problems}.
   */
  public static SeccompPlan from(Seccomp seccomp, String path, Arch arch,
      ConfigProblems problems) {
    Objects.requireNonNull(seccomp, "seccomp");
    int problemsBefore = problems.list().size();
    Integer defaultVerdict = verdict(seccomp.defaultAction(), seccomp.defaultErrnoRet(), arch,
        path + ".defaultAction", path + ".defaultErrnoRet", problems);
    if (seccomp.listenerPath() != null && !seccomp.listenerPath().isEmpty()) {
      problems.add(path + ".listenerPath",
          "seccomp notify is not supported: Capsa has no seccomp agent to send the fd to");
    }
    List<ArchConstant> flags = flags(orEmpty(seccomp.flags()), path + ".flags", problems);
    List<SeccompRule> rules = rules(orEmpty(seccomp.syscalls()), path + ".syscalls", arch,
        problems);
    if (problems.list().size() != problemsBefore) {
      return null;
    }
    List<SyscallAbi> abis = abis(orEmpty(seccomp.architectures()), arch);
    logUnknownNames(rules, abis);
    Integer newerVerdict = seccomp.defaultAction() == SeccompAction.SCMP_ACT_ALLOW
        || seccomp.defaultAction() == SeccompAction.SCMP_ACT_LOG ? null
        : (int) arch.constant(SECCOMP_RET_ERRNO) | Errno.ENOSYS.number(arch);
    List<SockFilter> filter = SeccompCompiler.compile(abis, defaultVerdict,
        (int) arch.constant(SECCOMP_RET_KILL_THREAD), newerVerdict, rules);
    if (filter.size() > FilterAssembler.MAX_INSTRUCTIONS) {
      problems.add(path, "compiles to a filter of " + filter.size()
          + " instructions, more than the kernel's limit of " + FilterAssembler.MAX_INSTRUCTIONS);
      return null;
    }
    return new SeccompPlan(arch, filter, flags);
  }

  /** The compiled filter. */
  public List<SockFilter> filter() {
    return filter;
  }

  /** Installs the filter on the calling thread (all threads with TSYNC). */
  public void emit(InitProgramBuilder b) {
    if (b.arch() != arch) {
      throw new IllegalArgumentException("the seccomp filter was compiled for " + arch.gnuName()
          + ", the program is for " + b.arch().gnuName());
    }
    b.seccomp(b.constant(SECCOMP_SET_MODE_FILTER), b.flags(flags.toArray(ArchConstant[]::new)),
        filter).describedAs("install the seccomp filter of " + filter.size() + " instructions");
  }

  private static Integer verdict(SeccompAction action, Long errnoRet, Arch arch,
      String actionPath, String errnoPath, ConfigProblems problems) {
    long errno = Errno.EPERM.number(arch);
    if (errnoRet != null) {
      if (errnoRet > MAX_ERRNO) {
        problems.add(errnoPath, "must be an errno, at most " + MAX_ERRNO + ", was " + errnoRet);
      }
      errno = errnoRet & 0xffff;
    }
    ArchConstant base = switch (action) {
      case SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD -> SECCOMP_RET_KILL_THREAD;
      case SCMP_ACT_KILL_PROCESS -> SECCOMP_RET_KILL_PROCESS;
      case SCMP_ACT_TRAP -> SECCOMP_RET_TRAP;
      case SCMP_ACT_ERRNO -> SECCOMP_RET_ERRNO;
      case SCMP_ACT_TRACE -> SECCOMP_RET_TRACE;
      case SCMP_ACT_ALLOW -> SECCOMP_RET_ALLOW;
      case SCMP_ACT_LOG -> SECCOMP_RET_LOG;
      case SCMP_ACT_NOTIFY -> null;
    };
    if (base == null) {
      problems.add(actionPath, "SCMP_ACT_NOTIFY is not supported: Capsa has no seccomp agent"
          + " protocol");
      return null;
    }
    boolean withErrno = action == SeccompAction.SCMP_ACT_ERRNO
        || action == SeccompAction.SCMP_ACT_TRACE;
    return (int) arch.constant(base) | (withErrno ? (int) errno : 0);
  }

  private static List<ArchConstant> flags(List<SeccompFlag> flags, String path,
      ConfigProblems problems) {
    Set<ArchConstant> constants = new LinkedHashSet<>();
    for (int i = 0; i < flags.size(); i++) {
      switch (flags.get(i)) {
        case SECCOMP_FILTER_FLAG_TSYNC -> constants.add(SECCOMP_FILTER_FLAG_TSYNC);
        case SECCOMP_FILTER_FLAG_LOG -> constants.add(SECCOMP_FILTER_FLAG_LOG);
        case SECCOMP_FILTER_FLAG_SPEC_ALLOW -> constants.add(SECCOMP_FILTER_FLAG_SPEC_ALLOW);
        case SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV -> problems.add(path + "[" + i + "]",
            "applies to SCMP_ACT_NOTIFY, which Capsa does not support");
      }
    }
    return List.copyOf(constants);
  }

  private static List<SeccompRule> rules(List<Syscall> syscalls, String path, Arch arch,
      ConfigProblems problems) {
    List<SeccompRule> rules = new ArrayList<>();
    for (int i = 0; i < syscalls.size(); i++) {
      Syscall syscall = syscalls.get(i);
      String rulePath = path + "[" + i + "]";
      Integer verdict = verdict(syscall.action(), syscall.errnoRet(), arch, rulePath + ".action",
          rulePath + ".errnoRet", problems);
      List<ArgCondition> conditions = new ArrayList<>();
      Set<Integer> indexes = new LinkedHashSet<>();
      boolean repeatedIndex = false;
      List<SyscallArg> args = orEmpty(syscall.args());
      for (int j = 0; j < args.size(); j++) {
        SyscallArg arg = args.get(j);
        if (arg.index() >= ARGUMENTS) {
          problems.add(rulePath + ".args[" + j + "].index",
              "must be a syscall argument, 0 to 5, was " + arg.index());
          continue;
        }
        long valueTwo = arg.valueTwo() == null ? 0 : arg.valueTwo();
        conditions.add(new ArgCondition((int) arg.index(), arg.op(), arg.value(), valueTwo));
        repeatedIndex |= !indexes.add((int) arg.index());
      }
      for (int k = 0; k < syscall.names().size(); k++) {
        if (syscall.names().get(k).isEmpty()) {
          problems.add(rulePath + ".names[" + k + "]", "is empty");
        }
      }
      if (verdict == null) {
        continue;
      }
      if (repeatedIndex) {
        for (ArgCondition condition : conditions) {
          rules.add(new SeccompRule(syscall.names(), verdict, List.of(condition)));
        }
      } else {
        rules.add(new SeccompRule(syscall.names(), verdict, conditions));
      }
    }
    return rules;
  }

  /** The native ABI, then those {@code architectures} names that this kernel runs. */
  static List<SyscallAbi> abis(List<SeccompArch> architectures, Arch arch) {
    List<SyscallAbi> runnable = SyscallAbi.of(arch);
    Set<SyscallAbi> abis = new LinkedHashSet<>();
    abis.add(runnable.get(0));
    for (SeccompArch architecture : architectures) {
      SyscallAbi abi = switch (architecture) {
        case SCMP_ARCH_X86_64 -> SyscallAbi.X86_64;
        case SCMP_ARCH_X86 -> SyscallAbi.I386;
        case SCMP_ARCH_X32 -> SyscallAbi.X32;
        case SCMP_ARCH_PPC64LE -> SyscallAbi.PPC64LE;
        default -> null;
      };
      if (abi != null && runnable.contains(abi)) {
        abis.add(abi);
      }
    }
    return List.copyOf(abis);
  }

  private static void logUnknownNames(List<SeccompRule> rules, List<SyscallAbi> abis) {
    Set<String> unknown = new LinkedHashSet<>();
    for (SeccompRule rule : rules) {
      for (String name : rule.names()) {
        if (abis.stream().allMatch(abi -> abi.number(name).isEmpty())) {
          unknown.add(name);
        }
      }
    }
    if (!unknown.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, "seccomp: ignoring syscalls this kernel's ABIs do not"
          + " have: " + String.join(", ", unknown));
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The actions, operators, architectures and flags the plan supports, for features.json. */
  public static Set<SeccompAction> supportedActions() {
    Set<SeccompAction> actions = EnumSet.allOf(SeccompAction.class);
    actions.remove(SeccompAction.SCMP_ACT_NOTIFY);
    return actions;
  }

  public static Set<SeccompOperator> supportedOperators() {
    return EnumSet.allOf(SeccompOperator.class);
  }

  /** The architectures whose syscalls a filter on {@code arch} tells apart. */
  public static Set<SeccompArch> supportedArchitectures(Arch arch) {
    return switch (arch) {
      case X86_64 -> EnumSet.of(SeccompArch.SCMP_ARCH_X86_64, SeccompArch.SCMP_ARCH_X86,
          SeccompArch.SCMP_ARCH_X32);
      case PPC64LE -> EnumSet.of(SeccompArch.SCMP_ARCH_PPC64LE);
    };
  }

  public static Set<SeccompFlag> supportedFlags() {
    return EnumSet.of(SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC, SeccompFlag.SECCOMP_FILTER_FLAG_LOG,
        SeccompFlag.SECCOMP_FILTER_FLAG_SPEC_ALLOW);
  }
}
