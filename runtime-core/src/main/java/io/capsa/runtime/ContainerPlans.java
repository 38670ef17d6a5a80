package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.oci.Mount;
import io.capsa.oci.Spec;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.namespaces.ContainerNamespaces;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.process.ProcessContext;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.runtime.process.ProcessRole;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place the orchestrator meets the root filesystem and process plans: their conversion
 * of the spec, and the ops they emit at steps 6, 9, 11 and 16 of the init program. The root
 * filesystem part is a minimal stand-in (bind the rootfs, the spec's mounts with plain flags,
 * pivot_root) until RootfsPlan is merged.
 */
final class ContainerPlans {
  private static final Map<String, ArchConstant> SET_FLAGS = Map.of(
      "ro", MS_RDONLY, "nosuid", MS_NOSUID, "nodev", MS_NODEV, "noexec", MS_NOEXEC,
      "bind", MS_BIND, "strictatime", MS_STRICTATIME, "relatime", MS_RELATIME,
      "noatime", MS_NOATIME);
  private static final List<String> CLEARING = List.of("rw", "suid", "dev", "exec", "atime");

  private final Path rootfs;
  private final Spec spec;
  private final ProcessPlan process;

  private ContainerPlans(Path rootfs, Spec spec, ProcessPlan process) {
    this.rootfs = rootfs;
    this.spec = spec;
    this.process = process;
  }

  static ContainerPlans convert(Spec spec, Path bundle, ContainerNamespaces namespaces,
      CreateOptions options, KernelFeatures kernel, ConfigProblems problems) {
    if (spec.root() == null) {
      problems.add("$.root", "a container needs a root filesystem");
    }
    Path rootfs = spec.root() == null ? bundle : bundle.resolve(spec.root().path()).normalize();
    ProcessPlan process = null;
    if (spec.process() == null) {
      problems.add("$.process", "a container needs a process");
    } else {
      if (Boolean.TRUE.equals(spec.process().terminal())) {
        problems.add("$.process.terminal", "a terminal (console socket) is not supported yet:"
            + " set terminal to false");
      }
      ProcessContext context = new ProcessContext(ProcessRole.INIT,
          namespaces.isPrivate(NamespaceType.USER), options.preservedFds().size(),
          spec.linux() == null ? null : spec.linux().personality(), kernel);
      process = ProcessPlan.from(spec.process(), "$.process", context, problems);
    }
    return new ContainerPlans(rootfs, spec, process);
  }

  Path rootfs() {
    return rootfs;
  }

  /** Step 6: everything mounted before the host's hooks run. */
  void emitMounts(InitProgramBuilder b) {
    b.mount(null, "/", null, b.flags(MS_REC, MS_SLAVE), null);
    b.mount(rootfs.toString(), rootfs.toString(), null, b.flags(MS_BIND, MS_REC), null);
    for (Mount mount : spec.mounts() == null ? List.<Mount>of() : spec.mounts()) {
      long flags = 0;
      List<String> data = new ArrayList<>();
      for (String option : mount.options() == null ? List.<String>of() : mount.options()) {
        if (option.equals("rbind")) {
          flags |= b.flags(MS_BIND, MS_REC);
        } else if (SET_FLAGS.containsKey(option)) {
          flags |= b.constant(SET_FLAGS.get(option));
        } else if (!CLEARING.contains(option)) {
          data.add(option);
        }
      }
      String target = rootfs + mount.destination();
      b.mkdirat(b.atFdcwd(), target, 0755).tolerating(Errno.EEXIST);
      b.mount(mount.source(), target, mount.type(), flags,
          data.isEmpty() ? null : String.join(",", data));
    }
  }

  /** Step 9: the root changes. */
  void emitFinish(InitProgramBuilder b, Operand procfs, boolean noPivot) {
    b.chdir(rootfs.toString());
    if (noPivot) {
      b.chroot(".");
    } else {
      b.pivotRoot(".", ".");
      b.umount2(".", b.constant(MNT_DETACH));
    }
    b.chdir("/");
    if (Boolean.TRUE.equals(spec.root().readonly())) {
      b.mount(null, "/", null, b.flags(MS_BIND, MS_REMOUNT, MS_RDONLY), null);
    }
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
