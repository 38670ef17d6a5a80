package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.SOCK_SEQPACKET;

import io.capsa.init.InitLauncher;
import io.capsa.init.InitProcess;
import io.capsa.init.InitProgram;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.cgroups.Cgroup;
import io.capsa.runtime.cgroups.CgroupPath;
import io.capsa.runtime.cgroups.SubCgroup;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.console.ConsoleSteps;
import io.capsa.runtime.process.ExecDefaults;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.process.ProcessContext;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.runtime.process.ProcessRole;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.sys.Arch;
import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SocketPair;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One exec: checks the process against the container (its own configuration filled in from
 * the container's), launches capsa-init with the exec program, takes the pid of the process
 * it forks into the container and waits until that process has exec'd, so that a failure on
 * the way (a missing executable, a bad working directory) is thrown here naming its step.
 * Whatever fails undoes what was made: the process and capsa-init are killed and reaped, the
 * fds closed.
 */
final class ContainerExec {
  private final RuntimeContext context;
  private final String containerId;
  private final Fd initPidfd;
  private final Set<NamespaceType> namespaces;
  private final Optional<CgroupPath> cgroupPath;
  private final ProcessConfig process;
  private final Linux containerLinux;
  private final ExecOptions options;
  private final Arch arch = Arch.current();

  private SocketPair sync;
  private StdioFds stdio;
  private InitProcess launched;
  private boolean launchedReaped;
  private Fd pidfd;
  private Optional<Fd> cgroup = Optional.empty();

  /**
   * @param initPidfd a pidfd of the container's init, checked to be the stored init; the
   *     caller keeps owning it
   * @param namespaces the init's namespaces to join
   * @param cgroupPath the container's cgroup as its record stores it, if it has one
   * @param process the exec's process, its absent members already the container's
   * @param containerLinux the container's {@code linux} section, null when absent: its
   *     personality, memory policy and seccomp filter apply to every process, as in runc
   */
  ContainerExec(RuntimeContext context, String containerId, Fd initPidfd,
      Set<NamespaceType> namespaces, Optional<CgroupPath> cgroupPath, ProcessConfig process,
      Linux containerLinux, ExecOptions options) {
    this.context = context;
    this.containerId = containerId;
    this.initPidfd = initPidfd;
    this.namespaces = namespaces;
    this.cgroupPath = cgroupPath;
    this.process = process;
    this.containerLinux = containerLinux;
    this.options = options;
  }

  /**
   * The plan of {@code process} for a container whose {@code linux} section is {@code
   * containerLinux} (null when absent) sharing {@code namespaces} with its init.
   *
   * @throws io.capsa.runtime.config.InvalidConfigException naming every problem, with JSON
   *     paths into the process document ($.args, $.user.uid, ...)
   */
  static ProcessPlan plan(ProcessConfig process, Linux containerLinux,
      Set<NamespaceType> namespaces, ExecOptions options, KernelFeatures kernel) {
    ConfigProblems problems = new ConfigProblems();
    ProcessContext processContext = new ProcessContext(ProcessRole.EXEC,
        namespaces.contains(NamespaceType.USER), options.preservedFds().size(),
        containerLinux == null ? null : containerLinux.personality(),
        containerLinux == null ? null : containerLinux.memoryPolicy(), kernel,
        containerLinux == null ? null : containerLinux.seccomp());
    ProcessPlan plan = ProcessPlan.from(process, "$", processContext, problems);
    ConsoleSteps.checkSocket(plan.terminal(), options.consoleSocket().isPresent(), "$.terminal",
        problems);
    problems.throwIfAny();
    return plan;
  }

  /** The container's process as config.json gave it, with the exec's absent members filled. */
  static ProcessConfig withDefaults(ProcessConfig process, ProcessConfig containerProcess) {
    return containerProcess == null ? process : ExecDefaults.apply(process, containerProcess);
  }

  ExecHandle run() {
    ProcessPlan plan = plan(process, containerLinux, namespaces, options,
        KernelFeatures.detect());
    try {
      cgroup = containerCgroup();
      ExecFds fds = ExecFds.layout(options, cgroup.isPresent());
      InitProgram program = new ExecProgramGenerator(arch)
          .generate(plan, fds, namespaces, options.consoleSocket());
      return launch(program, fds);
    } catch (RuntimeException | Error e) {
      undo(e);
      throw e;
    }
  }

  /**
   * An fd of the cgroup directory in which the exec'd process is born (clone3 with
   * CLONE_INTO_CGROUP, so it is never outside the container's limits): the container's cgroup
   * at the path create stored, or the sub-cgroup of it the options name, opened beneath it.
   * Empty for a container of a create that made no cgroup (a record without a cgroup path),
   * where a sub-cgroup cannot be joined.
   */
  private Optional<Fd> containerCgroup() {
    SubCgroup target = options.cgroup();
    if (cgroupPath.isEmpty()) {
      if (!target.isContainers()) {
        throw new ContainerStateException("cannot exec in sub-cgroup " + target.relative()
            + ": container " + containerId + " has no cgroup");
      }
      return Optional.empty();
    }
    try (Cgroup open = context.cgroups().open(cgroupPath.get())) {
      return Optional.of(open.openForClone(target));
    }
  }

  private ExecHandle launch(InitProgram program, ExecFds fds) {
    HostSyscalls host = context.host();
    sync = host.socketpair((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_SEQPACKET), 0);
    stdio = StdioFds.open(host, options.stdio());
    launched = InitLauncher.get().launch(program, childFds(fds));
    sync.second().close();
    stdio.close();
    cgroup.ifPresent(Fd::close);
    int pid = awaitPid();
    pidfd = host.pidfdOpen(pid);
    ChildStatus status = launched.waitFor();
    launchedReaped = true;
    if (!status.exited() || status.status() != 0) {
      RuntimeContext.LOG.log(Level.DEBUG, "capsa-init of an exec in {0} ended: {1}",
          containerId, status);
    }
    sync.first().close();
    LiveInit live = new LiveInit(host, pidfd, launched, stdio, containerId + "-exec-" + pid);
    pidfd = null;
    try {
      live.awaitExec();
    } catch (RuntimeException e) {
      live.close();
      throw e;
    }
    return new ExecHandle(containerId, pid, live);
  }

  private Map<Integer, Fd> childFds(ExecFds fds) {
    Map<Integer, Fd> map = new HashMap<>(stdio.childFds());
    List<Fd> preserved = options.preservedFds();
    for (int i = 0; i < preserved.size(); i++) {
      map.put(3 + i, preserved.get(i));
    }
    map.put(fds.sync(), sync.second());
    map.put(fds.initPidfd(), initPidfd);
    options.consoleSocket()
        .filter(ConsoleSocket.Connected.class::isInstance)
        .ifPresent(socket -> map.put(fds.console().orElseThrow(),
            ((ConsoleSocket.Connected) socket).socket()));
    cgroup.ifPresent(directory -> map.put(fds.cgroup().orElseThrow(), directory));
    return map;
  }

  /**
   * The pid capsa-init reports once it has forked the process into the container; the socket
   * reaching its end first means capsa-init failed before, and its error record names the op.
   */
  private int awaitPid() {
    byte[] message = new byte[16];
    int length = context.host().read(sync.first(), message, 0, message.length);
    if (length == 0) {
      launched.awaitExec();
      throw new IllegalStateException("capsa-init ended before it forked the process into the"
          + " container, without reporting an error: " + launched.waitFor());
    }
    if (SyncMessage.of(message[0]) != SyncMessage.INIT_PID || length < 5) {
      throw new IllegalStateException("capsa-init sent " + SyncMessage.of(message[0])
          + " where the exec'd process's pid was expected");
    }
    return ByteBuffer.wrap(message, 1, 4).order(ByteOrder.nativeOrder()).getInt();
  }

  private void undo(Throwable failure) {
    Undo undo = new Undo(failure, context.host());
    if (pidfd != null) {
      undo.attempt(() -> {
        undo.kill(pidfd);
        context.host().awaitExit(pidfd);
        pidfd.close();
      });
    }
    if (launched != null) {
      undo.killLaunched(launched, launchedReaped);
    }
    if (sync != null) {
      undo.attempt(sync::close);
    }
    if (stdio != null) {
      undo.attempt(() -> stdio.closeAll(failure));
    }
    cgroup.ifPresent(directory -> undo.attempt(directory::close));
  }
}
