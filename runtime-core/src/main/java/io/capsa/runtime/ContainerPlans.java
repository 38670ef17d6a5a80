package io.capsa.runtime;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.console.ConsoleSteps;
import io.capsa.runtime.namespaces.ContainerNamespaces;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.process.ProcessContext;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.runtime.process.ProcessRole;
import io.capsa.runtime.rootfs.RootfsHost;
import io.capsa.runtime.rootfs.RootfsPlan;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The one place the orchestrator meets the root filesystem and process plans: their conversion
 * of the spec, and the ops they emit first and at steps 6, 9, 11 and 16 of the init program.
 */
final class ContainerPlans {
  private final RootfsPlan rootfs;
  private final ProcessPlan process;
  private final boolean inUserNamespace;

  private ContainerPlans(RootfsPlan rootfs, ProcessPlan process, boolean inUserNamespace) {
    this.rootfs = rootfs;
    this.process = process;
    this.inUserNamespace = inUserNamespace;
  }

  /** @param madeByCreate directories create makes that bind mounts may name (RootfsPlan) */
  static ContainerPlans convert(Spec spec, Path bundle, ContainerNamespaces namespaces,
      CreateOptions options, KernelFeatures kernel, Set<Path> madeByCreate,
      ConfigProblems problems) {
    boolean inUserNamespace = namespaces.isPrivate(NamespaceType.USER);
    RootfsPlan rootfs = RootfsPlan.from(spec, bundle, RootfsHost.current(), madeByCreate,
        problems);
    rootfs.checkNoPivot(options.noPivot(), problems);
    for (RootfsPlan.IdmappedMount mount : rootfs.idmappedMounts()) {
      problems.add("$.mounts[" + mount.index() + "]", "id-mapped mounts are not supported yet");
    }
    ProcessPlan process = null;
    if (spec.process() == null) {
      problems.add("$.process", "a container needs a process");
    } else {
      ProcessContext context = new ProcessContext(ProcessRole.INIT, inUserNamespace,
          options.preservedFds().size(),
          spec.linux() == null ? null : spec.linux().personality(),
          spec.linux() == null ? null : spec.linux().memoryPolicy(), kernel,
          spec.linux() == null ? null : spec.linux().seccomp());
      process = ProcessPlan.from(spec.process(), "$.process", context, problems);
      ConsoleSteps.checkSocket(process.terminal(), options.consoleSocket().isPresent(),
          "$.process.terminal", problems);
    }
    return new ContainerPlans(rootfs, process, inUserNamespace);
  }

  Path rootfs() {
    return rootfs.rootfs();
  }

  /** Whether the process gets a pseudo-terminal (then a console socket was given). */
  boolean terminal() {
    return process.terminal();
  }

  /** The size of the process's terminal, when it has one and the config gives one. */
  Optional<ConsoleSize> consoleSize() {
    return process.consoleSize();
  }

  /** First of all, in the host's namespaces: what the process inherits from capsa-init. */
  void emitInherited(InitProgramBuilder b) {
    process.emitOomScoreAdj(b);
  }

  /** Step 6: everything mounted before the host's hooks run. */
  void emitMounts(InitProgramBuilder b) {
    rootfs.emitMounts(b, inUserNamespace);
  }

  /** Step 9: the root changes, still writable for the console that may follow. */
  void emitPivot(InitProgramBuilder b, boolean noPivot) {
    rootfs.emitPivot(b, noPivot);
  }

  /** The end of step 9, after the console: the root is locked down. */
  void emitLockdown(InitProgramBuilder b, Operand procfs) {
    rootfs.emitLockdown(b, procfs);
  }

  /** Step 11: everything for the process up to its exec. */
  void emitSetup(InitProgramBuilder b, Operand procfs) {
    process.emitSetup(b, procfs);
  }

  /** With no_new_privs, the seccomp filter: after the startContainer hooks, before a reaper. */
  void emitLateSeccomp(InitProgramBuilder b) {
    process.emitLateSeccomp(b);
  }

  /** Step 16. */
  void emitExec(InitProgramBuilder b) {
    process.emitExec(b);
  }
}
