package io.capsa.runtime.process;

import io.capsa.oci.Scheduler;
import io.capsa.oci.SchedulerFlag;
import io.capsa.oci.SchedulerPolicy;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.ArchConstant;
import java.util.List;

/**
 * The process's scheduling policy and attributes for sched_setattr(2), checked with runc's
 * rules (nice only for SCHED_OTHER and SCHED_BATCH, priority only for the real-time policies,
 * runtime, deadline and period only for SCHED_DEADLINE) and the kernel's ranges, so that what
 * the kernel would refuse with a bare EINVAL is reported with its JSON path instead.
 *
 * @param flags SCHED_FLAG_* constants, named as in the spec
 */
record SchedulerSettings(ArchConstant policy, List<ArchConstant> flags, int nice, int priority,
    long runtime, long deadline, long period) {
  /** The kernel refuses a deadline runtime below 2^10 ns (DL_SCALE). */
  private static final long MIN_DEADLINE_RUNTIME = 1L << 10;
  private static final int MAX_RT_PRIORITY = 99;

  SchedulerSettings {
    flags = List.copyOf(flags);
  }

  static SchedulerSettings from(Scheduler scheduler, String path, ConfigProblems problems) {
    SchedulerPolicy policy = scheduler.policy();
    int nice = scheduler.nice() == null ? 0 : scheduler.nice();
    int priority = scheduler.priority() == null ? 0 : scheduler.priority();
    long runtime = scheduler.runtime() == null ? 0 : scheduler.runtime();
    long deadline = scheduler.deadline() == null ? 0 : scheduler.deadline();
    long period = scheduler.period() == null ? 0 : scheduler.period();
    boolean fair = policy == SchedulerPolicy.SCHED_OTHER || policy == SchedulerPolicy.SCHED_BATCH;
    boolean realTime = policy == SchedulerPolicy.SCHED_FIFO || policy == SchedulerPolicy.SCHED_RR;
    if (policy == SchedulerPolicy.SCHED_ISO) {
      problems.add(path + ".policy", "SCHED_ISO is not implemented by Linux");
    }
    if (fair && (nice < -20 || nice > 19)) {
      problems.add(path + ".nice", "must be from -20 to 19 for " + policy + ", was " + nice);
    }
    if (realTime && (priority < 1 || priority > MAX_RT_PRIORITY)) {
      problems.add(path + ".priority",
          "must be from 1 to " + MAX_RT_PRIORITY + " for " + policy + ", was " + priority);
    } else if (!realTime && priority != 0) {
      problems.add(path + ".priority", "can only be set for SCHED_FIFO or SCHED_RR");
    }
    if (policy == SchedulerPolicy.SCHED_DEADLINE) {
      checkDeadline(runtime, deadline, period, path, problems);
    } else if (runtime != 0 || deadline != 0 || period != 0) {
      problems.add(path, "runtime, deadline and period can only be set for SCHED_DEADLINE");
    }
    List<ArchConstant> flags = scheduler.flags() == null ? List.of()
        : scheduler.flags().stream().map(SchedulerSettings::flag).toList();
    return new SchedulerSettings(policyConstant(policy), flags, nice, priority, runtime,
        deadline, period);
  }

  /** The kernel's rules (__checkparam_dl): 1024 ns ≤ runtime ≤ deadline ≤ period (0: deadline). */
  private static void checkDeadline(long runtime, long deadline, long period, String path,
      ConfigProblems problems) {
    if (deadline == 0) {
      problems.add(path + ".deadline", "SCHED_DEADLINE needs a deadline");
    } else if (Long.compareUnsigned(runtime, MIN_DEADLINE_RUNTIME) < 0) {
      problems.add(path + ".runtime", "must be at least " + MIN_DEADLINE_RUNTIME + " ns, was "
          + Long.toUnsignedString(runtime));
    } else if (Long.compareUnsigned(runtime, deadline) > 0) {
      problems.add(path + ".runtime", "runtime " + Long.toUnsignedString(runtime)
          + " is above the deadline " + Long.toUnsignedString(deadline));
    } else if (period != 0 && Long.compareUnsigned(deadline, period) > 0) {
      problems.add(path + ".deadline", "deadline " + Long.toUnsignedString(deadline)
          + " is above the period " + Long.toUnsignedString(period));
    }
  }

  /** SCHED_OTHER is the kernel's SCHED_NORMAL; SCHED_ISO (reported) maps to nothing. */
  private static ArchConstant policyConstant(SchedulerPolicy policy) {
    return switch (policy) {
      case SCHED_OTHER, SCHED_ISO -> ArchConstant.SCHED_NORMAL;
      case SCHED_FIFO -> ArchConstant.SCHED_FIFO;
      case SCHED_RR -> ArchConstant.SCHED_RR;
      case SCHED_BATCH -> ArchConstant.SCHED_BATCH;
      case SCHED_IDLE -> ArchConstant.SCHED_IDLE;
      case SCHED_DEADLINE -> ArchConstant.SCHED_DEADLINE;
    };
  }

  /** The spec names the flags as the kernel's headers do. */
  private static ArchConstant flag(SchedulerFlag flag) {
    return ArchConstant.valueOf(flag.name());
  }
}
