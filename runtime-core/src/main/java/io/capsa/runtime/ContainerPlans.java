package io.capsa.runtime;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.namespaces.ContainerNamespaces;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.process.ProcessContext;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.runtime.process.ProcessRole;
import io.capsa.runtime.rootfs.RootfsPlan;
import java.nio.file.Path;

/**
 * The one place the orchestrator meets the root filesystem and process plans: their conversion
 * of the spec, and the ops they emit at steps 6, 9, 11 and 16 of the init program.
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

  static ContainerPlans convert(Spec spec, Path bundle, ContainerNamespaces namespaces,
      CreateOptions options, KernelFeatures kernel, ConfigProblems problems) {
    boolean inUserNamespace = namespaces.isPrivate(NamespaceType.USER);
    RootfsPlan rootfs = RootfsPlan.from(spec, bundle, problems);
    for (RootfsPlan.IdmappedMount mount : rootfs.idmappedMounts()) {
      problems.add("$.mounts[" + mount.index() + "]", "id-mapped mounts are not supported yet");
    }
    ProcessPlan process = null;
    if (spec.process() == null) {
      problems.add("$.process", "a container needs a process");
    } else {
      if (Boolean.TRUE.equals(spec.process().terminal())) {
        problems.add("$.process.terminal", "a terminal (console socket) is not supported yet:"
            + " set terminal to false");
      }
      ProcessContext context = new ProcessContext(ProcessRole.INIT, inUserNamespace,
          options.preservedFds().size(),
          spec.linux() == null ? null : spec.linux().personality(), kernel);
      process = ProcessPlan.from(spec.process(), "$.process", context, problems);
    }
    return new ContainerPlans(rootfs, process, inUserNamespace);
  }

  Path rootfs() {
    return rootfs.rootfs();
  }

  /** Step 6: everything mounted before the host's hooks run. */
  void emitMounts(InitProgramBuilder b) {
    rootfs.emitMounts(b, inUserNamespace);
  }

  /** Step 9: the root changes and is locked down. */
  void emitFinish(InitProgramBuilder b, Operand procfs, boolean noPivot) {
    rootfs.emitFinish(b, procfs, noPivot);
  }

  /** Step 11: everything for the process up to its exec. */
  void emitSetup(InitProgramBuilder b, Operand procfs) {
    process.emitSetup(b, procfs);
  }

  /** Step 16. */
  void emitExec(InitProgramBuilder b) {
    process.emitExec(b);
  }
}
