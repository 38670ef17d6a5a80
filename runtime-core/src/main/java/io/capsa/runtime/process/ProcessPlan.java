package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.CLOSE_RANGE_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.CpuAffinity;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.linux.Personality;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.seccomp.SeccompPlan;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The container process's part of an init program: its configuration converted and checked
 * (every problem reported with its JSON path before anything runs), then emitted as the ops that
 * make the process what config.json says, up to the execve that starts it.
 *
 * <p>{@link #emitOomScoreAdj} comes first, before any namespace is entered. {@link #emitSetup}
 * runs after pivot_root (paths are the container's) and in this order: resource limits,
 * scheduler, I/O priority, CPU affinity, personality, memory policy, umask and LSM exec labels,
 * all while the runtime still has the capabilities they may need; then the working directory,
 * the user and groups and the capability sets ({@link Credentials} says why in that order), the
 * working directory verified inside the root (CVE-2024-21626); then the executable looked up in
 * $PATH as the process's user, as runc does, so a missing one fails the create; last every fd
 * from 3 + preserved fds marked close-on-exec. {@link #emitExec} is the execve.
 *
 * <p>The seccomp filter goes where runc puts it: without no_new_privs, installing it needs
 * CAP_SYS_ADMIN, so it comes in emitSetup before the working directory, user and capabilities
 * (the profile must then allow the setup's later syscalls, as with runc); with no_new_privs,
 * {@link #emitLateSeccomp} installs it as late as possible, after everything but the execve.
 *
 * <p>A plan emits into one program at a time, from one thread: emitSetup, then emitExec
 * on the same builder (the exec uses the path the setup's lookup stores).
 */
public final class ProcessPlan {
  private static final System.Logger LOG = System.getLogger(ProcessPlan.class.getName());
  /** close_range's "up to the last fd". */
  private static final long LAST_FD = 0xffffffffL;
  /** struct winsize holds unsigned shorts. */
  private static final long MAX_CONSOLE_SIDE = 0xffff;

  private final ProcessContext context;
  private final boolean valid;
  private final List<String> args;
  private final ProcessEnvironment environment;
  private final WorkingDirectory cwd;
  private final ProcessUser user;
  private final Credentials credentials;
  private final List<ResourceLimit> rlimits;
  private final Integer oomScoreAdj;
  private final SchedulerSettings scheduler;
  private final IoPrioritySetting ioPriority;
  private final BitSet initialCpus;
  private final BitSet finalCpus;
  private final ArchConstant personality;
  private final MemoryPolicySetting memoryPolicy;
  private final ExecLabels labels;
  private final boolean noNewPrivileges;
  private final boolean terminal;
  private final ConsoleSize consoleSize;
  private final ExecutableLookup lookup;
  private final SeccompPlan seccomp;

  private InitProgramBuilder setupBuilder;
  private InitProgramBuilder lateSeccompBuilder;
  private ExecutableLookup.Target target;

  private ProcessPlan(ProcessConfig process, String path, ProcessContext context,
      ConfigProblems problems) {
    int problemsBefore = problems.list().size();
    this.context = context;
    this.args = checkArgs(process.args(), path + ".args", problems);
    this.environment = ProcessEnvironment.from(process.env(), path + ".env", problems);
    this.cwd = new WorkingDirectory(checkCwd(process.cwd(), path + ".cwd", problems));
    this.user = ProcessUser.from(process.user(), path + ".user", problems);
    this.noNewPrivileges = Boolean.TRUE.equals(process.noNewPrivileges());
    CapabilitySets capabilities = process.capabilities() == null ? null
        : CapabilitySets.from(process.capabilities(), path + ".capabilities",
            context.kernel().lastCapability(), problems);
    this.credentials = new Credentials(user, capabilities, context.kernel().lastCapability(),
        context.userNamespace(), noNewPrivileges);
    this.rlimits = ResourceLimit.fromAll(process.rlimits(), path + ".rlimits", problems);
    this.oomScoreAdj = checkOomScoreAdj(process.oomScoreAdj(), path + ".oomScoreAdj", problems);
    this.scheduler = process.scheduler() == null ? null
        : SchedulerSettings.from(process.scheduler(), path + ".scheduler", problems);
    this.ioPriority = process.ioPriority() == null ? null
        : IoPrioritySetting.from(process.ioPriority(), path + ".ioPriority", problems);
    CpuAffinity affinity = process.execCpuAffinity();
    String affinityPath = path + ".execCPUAffinity";
    this.initialCpus = affinity == null ? null
        : cpus(affinity.initialCpus(), affinityPath + ".initial", problems);
    this.finalCpus = affinity == null ? null
        : cpus(affinity.finalCpus(), affinityPath + ".final", problems);
    this.personality = personality(context.personality(), problems);
    this.memoryPolicy = context.memoryPolicy() == null ? null : MemoryPolicySetting.from(
        context.memoryPolicy(), ProcessContext.MEMORY_POLICY_PATH, problems);
    this.seccomp = context.seccomp() == null ? null : SeccompPlan.from(context.seccomp(),
        ProcessContext.SECCOMP_PATH, Arch.current(), problems);
    this.labels = ExecLabels.from(process, path, context.kernel(), problems);
    this.terminal = Boolean.TRUE.equals(process.terminal());
    this.consoleSize = process.consoleSize();
    if (terminal && consoleSize != null) {
      checkConsoleSide(consoleSize.height(), path + ".consoleSize.height", problems);
      checkConsoleSide(consoleSize.width(), path + ".consoleSize.width", problems);
    }
    this.valid = problems.list().size() == problemsBefore;
    this.lookup = valid ? ExecutableLookup.of(args.get(0), environment.path()) : null;
  }

  /**
   * Converts and checks {@code process}, adding a problem to {@code problems} for everything
   * wrong with it; {@code jsonPathPrefix} is where the process is in its document ({@code
   * $.process} in config.json, {@code $} for {@code exec --process}). A plan with problems
   * refuses to emit ops.
   */
  public static ProcessPlan from(ProcessConfig process, String jsonPathPrefix,
      ProcessContext context, ConfigProblems problems) {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(jsonPathPrefix, "jsonPathPrefix");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(problems, "problems");
    return new ProcessPlan(process, jsonPathPrefix, context, problems);
  }

  /** The argv the process execs with. */
  public List<String> args() {
    return args;
  }

  /** The environment the process execs with, a variable given twice keeping its last value. */
  public List<String> environment() {
    return environment.entries();
  }

  /** Whether the process gets a pseudo-terminal as its stdio. */
  public boolean terminal() {
    return terminal;
  }

  /** The size of that terminal, when the process has one and the config gives a size. */
  public Optional<ConsoleSize> consoleSize() {
    return terminal ? Optional.ofNullable(consoleSize) : Optional.empty();
  }

  /**
   * Whether no_new_privs is set. Without it, installing a seccomp filter needs CAP_SYS_ADMIN,
   * so the filter must come before {@link #emitSetup} drops capabilities (runc does the same).
   */
  public boolean noNewPrivileges() {
    return noNewPrivileges;
  }

  /**
   * For an exec'd process with {@code execCPUAffinity.initial}: sets that affinity. Emit it
   * before the process moves into the container's cgroup, which resets the affinity to the
   * cgroup's CPUs; {@link #emitSetup} applies {@code final} afterwards. Nothing for the init,
   * to which execCPUAffinity does not apply.
   */
  public void emitInitialCpuAffinity(InitProgramBuilder b) {
    checkValid();
    if (context.role() == ProcessRole.EXEC && initialCpus != null) {
      b.schedSetaffinity((BitSet) initialCpus.clone())
          .describedAs("set the initial CPU affinity to " + initialCpus);
    }
  }

  /**
   * oom_score_adj, emitted first, while capsa-init is in the host's namespaces and /proc is the
   * host's, as runc's nsexec writes it: the process inherits it through the clones, and later,
   * in a new user namespace, the runtime could not open its own /proc/self files, which belong
   * to the host's root while it is not dumpable. Nothing when the process sets none.
   */
  public void emitOomScoreAdj(InitProgramBuilder b) {
    checkValid();
    if (oomScoreAdj != null) {
      Step file = b.openat(b.atFdcwd(), "/proc/self/oom_score_adj",
          b.flags(O_WRONLY, O_CLOEXEC), 0).describedAs("open /proc/self/oom_score_adj");
      b.write(file, Integer.toString(oomScoreAdj))
          .describedAs("set oom_score_adj to " + oomScoreAdj);
      b.close(file);
    }
  }

  /** Everything up to the execve; {@code procfs} is the runtime's own procfs instance. */
  public void emitSetup(InitProgramBuilder b, Operand procfs) {
    checkValid();
    for (ResourceLimit limit : rlimits) {
      b.prlimit(limit.resource(), limit.soft(), limit.hard());
    }
    if (scheduler != null) {
      b.schedSetattr(b.constant(scheduler.policy()),
          b.flags(scheduler.flags().toArray(ArchConstant[]::new)), scheduler.nice(),
          scheduler.priority(), scheduler.runtime(), scheduler.deadline(), scheduler.period());
    }
    if (ioPriority != null) {
      ioPriority.emit(b);
    }
    if (context.role() == ProcessRole.EXEC && finalCpus != null) {
      b.schedSetaffinity((BitSet) finalCpus.clone())
          .describedAs("set the CPU affinity to " + finalCpus);
    }
    if (personality != null) {
      b.personality(b.constant(personality)).describedAs("set personality " + personality);
    }
    if (memoryPolicy != null) {
      memoryPolicy.emit(b);
    }
    b.umask(user.umask());
    labels.emit(b, procfs);
    if (seccomp != null && !noNewPrivileges) {
      seccomp.emit(b);
    }
    Step firstChdir = cwd.emitFirstChdir(b);
    credentials.emitIdentity(b, procfs);
    cwd.emitRetryAndVerify(b, firstChdir);
    credentials.emitCapabilities(b);
    target = lookup.emit(b);
    setupBuilder = b;
    int firstClosed = 3 + context.preservedFds();
    b.closeRange(firstClosed, LAST_FD, b.constant(CLOSE_RANGE_CLOEXEC));
  }

  /**
   * With no_new_privs, the seccomp filter: emit it after everything the program does before
   * {@link #emitExec} (a reaper included, so that it is confined too), since the filter applies
   * to every syscall after it. Nothing without a filter or without no_new_privs.
   */
  public void emitLateSeccomp(InitProgramBuilder b) {
    checkValid();
    if (seccomp != null && noNewPrivileges) {
      seccomp.emit(b);
    }
    lateSeccompBuilder = b;
  }

  /**
   * The execve of the process, after {@link #emitSetup} and {@link #emitLateSeccomp} on the
   * same builder.
   */
  public void emitExec(InitProgramBuilder b) {
    checkValid();
    if (setupBuilder != b || lateSeccompBuilder != b) {
      throw new IllegalStateException("emitExec needs emitSetup and emitLateSeccomp on the same"
          + " program first: it execs what the setup found, under the filter");
    }
    target.execve(b, args, environment.entries());
  }

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException(
          "the process configuration has problems (see the ConfigProblems it was checked with)");
    }
  }

  private static List<String> checkArgs(List<String> args, String path, ConfigProblems problems) {
    if (args == null || args.isEmpty()) {
      problems.add(path, "must name the program to run");
      return List.of();
    }
    if (args.get(0).isEmpty()) {
      problems.add(path + "[0]", "the program to run is an empty string");
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).indexOf('\0') >= 0) {
        problems.add(path + "[" + i + "]", "contains a NUL character");
      }
    }
    return args;
  }

  private static String checkCwd(String cwd, String path, ConfigProblems problems) {
    if (!cwd.startsWith("/")) {
      problems.add(path, "must be an absolute path, was \"" + cwd + "\"");
    } else if (cwd.indexOf('\0') >= 0) {
      problems.add(path, "contains a NUL character");
    }
    return cwd;
  }

  private static Integer checkOomScoreAdj(Integer value, String path, ConfigProblems problems) {
    if (value != null && (value < -1000 || value > 1000)) {
      problems.add(path, "must be from -1000 to 1000, was " + value);
    }
    return value;
  }

  /** A CPU list; null when absent or empty (runc treats "" as unset). */
  private static BitSet cpus(String list, String path, ConfigProblems problems) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    try {
      return CpuList.parse(list);
    } catch (IllegalArgumentException e) {
      problems.add(path, "\"" + list + "\" is not a CPU list: " + e.getMessage());
      return null;
    }
  }

  /** personality(2)'s value for the domain; flags are ignored with a warning, as runc does. */
  private static ArchConstant personality(Personality personality, ConfigProblems problems) {
    if (personality == null) {
      return null;
    }
    if (personality.flags() != null && !personality.flags().isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "ignoring personality flags " + personality.flags()
          + ": Capsa, like runc, supports none");
    }
    if (personality.domain() == null) {
      problems.add(ProcessContext.PERSONALITY_PATH + ".domain", "is required");
      return null;
    }
    return switch (personality.domain()) {
      case LINUX -> ArchConstant.PER_LINUX;
      case LINUX32 -> ArchConstant.PER_LINUX32;
    };
  }

  private static void checkConsoleSide(long value, String path, ConfigProblems problems) {
    if (Long.compareUnsigned(value, MAX_CONSOLE_SIDE) > 0) {
      problems.add(path, "must be at most " + MAX_CONSOLE_SIDE + " characters, was "
          + Long.toUnsignedString(value));
    }
  }
}
