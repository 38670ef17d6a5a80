package io.capsa.runtime.seccomp;

import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.Syscall;
import io.capsa.oci.linux.SyscallArg;
import io.capsa.runtime.seccomp.SeccompFilterInterpreter.SeccompData;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.SyscallAbi;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The verdict a profile means for one syscall, read straight from the OCI document rather than
 * compiled: the reference the compiled filters are checked against.
 */
final class ExpectedVerdicts {
  private final Seccomp seccomp;
  private final Arch arch;
  private final List<SyscallAbi> abis;

  ExpectedVerdicts(Seccomp seccomp, Arch arch) {
    this.seccomp = seccomp;
    this.arch = arch;
    this.abis = SeccompPlan.abis(
        seccomp.architectures() == null ? List.of() : seccomp.architectures(), arch);
  }

  int verdict(SeccompData data) {
    SyscallAbi abi = abiOf(data);
    if (abi == null) {
      return (int) arch.constant(ArchConstant.SECCOMP_RET_KILL_THREAD);
    }
    List<Syscall> syscalls = seccomp.syscalls() == null ? List.of() : seccomp.syscalls();
    Integer unconditional = null;
    Integer firstConditional = null;
    boolean named = false;
    int highestNamed = -1;
    for (Syscall rule : syscalls) {
      for (String name : rule.names()) {
        OptionalInt number = abi.number(name);
        if (number.isEmpty()) {
          continue;
        }
        highestNamed = Math.max(highestNamed, number.getAsInt());
        if (number.getAsInt() != data.nr()) {
          continue;
        }
        named = true;
        List<SyscallArg> args = rule.args() == null ? List.of() : rule.args();
        if (args.isEmpty()) {
          unconditional = verdict(rule.action(), rule.errnoRet());
        } else if (firstConditional == null && holds(args, data)) {
          firstConditional = verdict(rule.action(), rule.errnoRet());
        }
      }
    }
    int defaultVerdict = verdict(seccomp.defaultAction(), seccomp.defaultErrnoRet());
    if (!named) {
      boolean passes = seccomp.defaultAction() == SeccompAction.SCMP_ACT_ALLOW
          || seccomp.defaultAction() == SeccompAction.SCMP_ACT_LOG;
      if (!passes && highestNamed >= 0 && data.nr() > highestNamed) {
        return (int) arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | Errno.ENOSYS.number(arch);
      }
      return defaultVerdict;
    }
    if (unconditional != null) {
      return unconditional;
    }
    return firstConditional != null ? firstConditional : defaultVerdict;
  }

  private SyscallAbi abiOf(SeccompData data) {
    for (SyscallAbi abi : abis) {
      if (abi.auditArch() != data.arch()) {
        continue;
      }
      boolean x32Number = (data.nr() & SyscallAbi.X32_SYSCALL_BIT) != 0;
      boolean sharesX86 = abi == SyscallAbi.X86_64 || abi == SyscallAbi.X32;
      if (!sharesX86 || x32Number == (abi == SyscallAbi.X32)) {
        return abi;
      }
    }
    return null;
  }

  /** All conditions, or any of them when two name the same argument (runc's reading). */
  private static boolean holds(List<SyscallArg> args, SeccompData data) {
    Set<Long> indexes = new HashSet<>();
    boolean repeated = false;
    for (SyscallArg arg : args) {
      repeated |= !indexes.add(arg.index());
    }
    boolean all = true;
    boolean any = false;
    for (SyscallArg arg : args) {
      boolean holds = holds(arg, data.args()[(int) arg.index()]);
      all &= holds;
      any |= holds;
    }
    return repeated ? any : all;
  }

  private static boolean holds(SyscallArg arg, long value) {
    int order = Long.compareUnsigned(value, arg.value());
    return switch (arg.op()) {
      case SCMP_CMP_NE -> order != 0;
      case SCMP_CMP_LT -> order < 0;
      case SCMP_CMP_LE -> order <= 0;
      case SCMP_CMP_EQ -> order == 0;
      case SCMP_CMP_GE -> order >= 0;
      case SCMP_CMP_GT -> order > 0;
      case SCMP_CMP_MASKED_EQ ->
          (value & arg.value()) == (arg.valueTwo() == null ? 0 : arg.valueTwo());
    };
  }

  private int verdict(SeccompAction action, Long errnoRet) {
    int errno = errnoRet == null ? Errno.EPERM.number(arch) : errnoRet.intValue();
    return switch (action) {
      case SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD ->
          (int) arch.constant(ArchConstant.SECCOMP_RET_KILL_THREAD);
      case SCMP_ACT_KILL_PROCESS -> (int) arch.constant(ArchConstant.SECCOMP_RET_KILL_PROCESS);
      case SCMP_ACT_TRAP -> (int) arch.constant(ArchConstant.SECCOMP_RET_TRAP);
      case SCMP_ACT_ERRNO -> (int) arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | errno;
      case SCMP_ACT_TRACE -> (int) arch.constant(ArchConstant.SECCOMP_RET_TRACE) | errno;
      case SCMP_ACT_ALLOW -> (int) arch.constant(ArchConstant.SECCOMP_RET_ALLOW);
      case SCMP_ACT_LOG -> (int) arch.constant(ArchConstant.SECCOMP_RET_LOG);
      case SCMP_ACT_NOTIFY -> throw new IllegalArgumentException("not supported");
    };
  }
}
