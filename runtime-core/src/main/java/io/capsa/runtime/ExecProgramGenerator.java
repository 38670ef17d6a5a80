package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.F_SETFD;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_PATH;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_MAGICLINKS;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_SYMLINKS;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.console.ConsoleSteps;
import io.capsa.runtime.namespaces.NamespaceKind;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.sys.Arch;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the init program of an exec: capsa-init, single-threaded, joins every namespace of
 * the container's init in one setns through the init's pidfd (the user namespace in the same
 * call, so the rest is joined with its privileges), then forks with clone3(CLONE_PARENT), as a
 * process that joined a pid namespace must for its child to be in it, born in the container's
 * cgroup when there is one (CLONE_INTO_CGROUP, so it never runs outside its limits); the child
 * joins the init's cgroup namespace then, after the clone, which nsdelegate requires. The child
 * is the JVM's, set up by the {@link ProcessPlan} and exec'd. Pure: the program is data.
 */
final class ExecProgramGenerator {
  private final Arch arch;

  ExecProgramGenerator(Arch arch) {
    this.arch = arch;
  }

  /**
   * @param namespaces the init's namespaces that are not the host's, to join
   */
  InitProgram generate(ProcessPlan plan, ExecFds fds, Set<NamespaceType> namespaces,
      Optional<ConsoleSocket> consoleSocket) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.Immediate sync = Arg.fd(fds.sync());
    // The exec'd process holds the host's /proc until its execve, next to the container's
    // own processes: they must not reach it through /proc/PID/fd.
    ProgramGenerator.hideFromContainer(b);
    b.fcntl(sync, F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the sync socket close-on-exec");
    b.fcntl(Arg.fd(fds.initPidfd()), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the init's pidfd close-on-exec");
    fds.cgroup().ifPresent(cgroup -> b.fcntl(Arg.fd(cgroup), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the container's cgroup fd close-on-exec"));
    ConsoleSteps console = new ConsoleSteps(b);
    Operand socket = consoleSocket
        .map(given -> console.socket(given, fds.console().orElse(-1))).orElse(null);
    Step procfs = hostProcfs(b);
    plan.emitOomScoreAdj(b);
    plan.emitInitialCpuAffinity(b);
    // Born in the container's cgroup, the process joins its cgroup namespace only after the
    // clone: on a hierarchy mounted with nsdelegate, CLONE_INTO_CGROUP from inside the
    // container's cgroup namespace is refused, as the parent's cgroup is outside its root.
    boolean cgroupAfterClone = fds.cgroup().isPresent()
        && namespaces.contains(NamespaceType.CGROUP);
    Set<NamespaceType> before = EnumSet.noneOf(NamespaceType.class);
    before.addAll(namespaces);
    if (cgroupAfterClone) {
      before.remove(NamespaceType.CGROUP);
    }
    if (!before.isEmpty()) {
      long flags = 0;
      for (NamespaceType type : before) {
        flags |= b.constant(NamespaceKind.cloneFlag(type));
      }
      b.setns(Arg.fd(fds.initPidfd()), flags).describedAs("join the "
          + before.stream().map(NamespaceKind::procName).collect(Collectors.joining(", "))
          + " namespaces of the container's init");
    }
    Operand cgroup = fds.cgroup().isPresent() ? Arg.fd(fds.cgroup().getAsInt()) : null;
    ProgramGenerator.cloneChildOfHost(b, sync, cgroup, 0, "the exec'd process");
    if (cgroupAfterClone) {
      b.setns(Arg.fd(fds.initPidfd()), b.constant(NamespaceKind.cloneFlag(NamespaceType.CGROUP)))
          .describedAs("join the cgroup namespace of the container's init");
    }
    if (socket != null) {
      console.emitTerminal(socket, plan.consoleSize(), false);
    }
    plan.emitSetup(b, procfs);
    plan.emitLateSeccomp(b);
    plan.emitExec(b);
    return b.build();
  }

  /**
   * The host's procfs, opened before any namespace is joined, for the process setup's writes
   * to /proc/self and /proc/thread-self: it shows the exec'd process (a descendant of the
   * host's pid namespace) and nothing in the container can have replaced it (the fake-/proc
   * class). A new procfs instance could not be mounted from inside a container whose /proc has
   * masked paths and a user namespace; the fd is close-on-exec, and the working directory is
   * verified inside the root after the chdir (CVE-2024-21626).
   */
  private static Step hostProcfs(InitProgramBuilder b) {
    return b.openat2(b.atFdcwd(), "/proc", b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0,
        b.flags(RESOLVE_NO_SYMLINKS, RESOLVE_NO_MAGICLINKS))
        .describedAs("open the host's /proc for the process setup");
  }
}
