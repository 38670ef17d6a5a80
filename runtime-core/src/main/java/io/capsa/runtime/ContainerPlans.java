package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.Mount;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.namespaces.ContainerNamespaces;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place the orchestrator meets the root filesystem and process plans: their conversion
 * of the spec, and the ops they emit at steps 6, 9, 11 and 16 of the init program. This version
 * holds a minimal stand-in for both (bind the rootfs, the spec's mounts with plain flags,
 * pivot_root, chdir, uid and gid, execve through $PATH) until RootfsPlan and ProcessPlan are
 * merged.
 */
final class ContainerPlans {
  private static final Map<String, ArchConstant> SET_FLAGS = Map.of(
      "ro", MS_RDONLY, "nosuid", MS_NOSUID, "nodev", MS_NODEV, "noexec", MS_NOEXEC,
      "bind", MS_BIND, "strictatime", MS_STRICTATIME, "relatime", MS_RELATIME,
      "noatime", MS_NOATIME);
  private static final List<String> CLEARING = List.of("rw", "suid", "dev", "exec", "atime");

  private final Path rootfs;
  private final Spec spec;
  private final int preservedFds;

  private ContainerPlans(Path rootfs, Spec spec, int preservedFds) {
    this.rootfs = rootfs;
    this.spec = spec;
    this.preservedFds = preservedFds;
  }

  static ContainerPlans convert(Spec spec, Path bundle, ContainerNamespaces namespaces,
      CreateOptions options, ConfigProblems problems) {
    if (spec.root() == null) {
      problems.add("$.root", "a container needs a root filesystem");
    }
    ProcessConfig process = spec.process();
    if (process == null) {
      problems.add("$.process", "a container needs a process");
    } else if (process.args() == null || process.args().isEmpty()) {
      problems.add("$.process.args", "must name the program to run");
    } else if (!process.cwd().startsWith("/")) {
      problems.add("$.process.cwd", "must be an absolute path");
    }
    Path rootfs = spec.root() == null ? bundle : bundle.resolve(spec.root().path()).normalize();
    return new ContainerPlans(rootfs, spec, options.preservedFds().size());
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

  /** Step 11: the process's identity and working directory. */
  void emitSetup(InitProgramBuilder b, Operand procfs) {
    ProcessConfig process = spec.process();
    if (process.user() != null) {
      long gid = process.user().gid() == null ? 0 : process.user().gid();
      long uid = process.user().uid() == null ? 0 : process.user().uid();
      b.setgroups();
      b.setresgid(gid, gid, gid);
      b.setresuid(uid, uid, uid);
    }
    b.chdir(process.cwd());
    b.closeRange(3 + preservedFds, 0xffffffffL, b.constant(CLOSE_RANGE_CLOEXEC));
  }

  /** Step 16: exec, looking the program up in the process's $PATH. */
  void emitExec(InitProgramBuilder b) {
    ProcessConfig process = spec.process();
    List<String> env = process.env() == null ? List.of() : process.env();
    String program = process.args().get(0);
    List<String> candidates = new ArrayList<>();
    if (program.contains("/")) {
      candidates.add(program);
    } else {
      for (String dir : pathOf(env).split(":")) {
        candidates.add(dir + "/" + program);
      }
    }
    for (int i = 0; i < candidates.size(); i++) {
      Step exec = b.execve(candidates.get(i), process.args(), env);
      if (i < candidates.size() - 1) {
        exec.tolerating(Errno.ENOENT);
      }
    }
  }

  private static String pathOf(List<String> env) {
    return env.stream().filter(entry -> entry.startsWith("PATH=")).map(e -> e.substring(5))
        .findFirst().orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  }
}
