package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.ProcessConfig;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Errno;

/**
 * The security labels the process gets when it execs: an AppArmor profile, an SELinux label.
 * Each is written to the calling thread's attr/exec file through the runtime's own procfs
 * instance, never a path a container could have replaced. Asking for one on a host where its
 * security module is not enabled is a problem, not something silently skipped.
 *
 * @param appArmorProfile the profile, null for none
 * @param selinuxLabel the label, null for none
 */
record ExecLabels(String appArmorProfile, String selinuxLabel) {
  static ExecLabels from(ProcessConfig process, String path, KernelFeatures kernel,
      ConfigProblems problems) {
    String profile = emptyAsNull(process.apparmorProfile());
    String label = emptyAsNull(process.selinuxLabel());
    if (profile != null && !kernel.appArmorEnabled()) {
      problems.add(path + ".apparmorProfile", "AppArmor profile \"" + profile
          + "\" requested, but AppArmor is not enabled on this host");
    }
    if (label != null && !kernel.selinuxEnabled()) {
      problems.add(path + ".selinuxLabel", "SELinux label \"" + label
          + "\" requested, but SELinux is not enabled on this host (no /sys/fs/selinux)");
    }
    return new ExecLabels(profile, label);
  }

  private static String emptyAsNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  void emit(InitProgramBuilder b, Operand procfs) {
    if (appArmorProfile != null) {
      emitAppArmor(b, procfs);
    }
    if (selinuxLabel != null) {
      Step attr = openAttr(b, procfs, "thread-self/attr/exec");
      b.write(attr, selinuxLabel).describedAs("set the SELinux exec label " + selinuxLabel);
      b.close(attr);
    }
  }

  /**
   * As libapparmor's aa_change_onexec: "exec PROFILE" into attr/apparmor/exec, or into the
   * older attr/exec on kernels without the per-module directory.
   */
  private void emitAppArmor(InitProgramBuilder b, Operand procfs) {
    String command = "exec " + appArmorProfile;
    String description = "apply the AppArmor profile " + appArmorProfile + " on exec";
    Step modern = openAttr(b, procfs, "thread-self/attr/apparmor/exec").tolerating(Errno.ENOENT);
    Label legacy = b.label();
    Label done = b.label();
    b.jumpIf(modern, Condition.LT, 0, legacy)
        .describedAs("use attr/exec if this kernel has no attr/apparmor/exec");
    b.write(modern, command).describedAs(description);
    b.close(modern);
    b.jump(done).describedAs("AppArmor profile set");
    b.bind(legacy);
    Step old = openAttr(b, procfs, "thread-self/attr/exec");
    b.write(old, command).describedAs(description);
    b.close(old);
    b.bind(done);
  }

  private static Step openAttr(InitProgramBuilder b, Operand procfs, String path) {
    return b.openat(procfs, path, b.flags(O_WRONLY, O_CLOEXEC), 0)
        .describedAs("open /proc/" + path);
  }
}
