package io.capsa.runtime.process;

import io.capsa.oci.ProcessConfig;
import java.util.Objects;

/**
 * What an exec'd process takes from the container's own process when its configuration leaves
 * it out, as runc's libcontainer does: the user, the capability sets, no_new_privs, the
 * AppArmor profile, the SELinux label and the resource limits. Everything else (args, env, cwd,
 * terminal) is the exec's own.
 */
public final class ExecDefaults {
  private ExecDefaults() {}

  /** {@code exec} with its absent members taken from {@code container}. */
  public static ProcessConfig apply(ProcessConfig exec, ProcessConfig container) {
    Objects.requireNonNull(exec, "exec");
    Objects.requireNonNull(container, "container");
    ProcessConfig.Builder merged = exec.toBuilder();
    if (exec.user() == null) {
      merged.user(container.user());
    }
    if (exec.capabilities() == null) {
      merged.capabilities(container.capabilities());
    }
    if (exec.noNewPrivileges() == null) {
      merged.noNewPrivileges(container.noNewPrivileges());
    }
    if (exec.apparmorProfile() == null || exec.apparmorProfile().isEmpty()) {
      merged.apparmorProfile(container.apparmorProfile());
    }
    if (exec.selinuxLabel() == null || exec.selinuxLabel().isEmpty()) {
      merged.selinuxLabel(container.selinuxLabel());
    }
    if (exec.rlimits() == null || exec.rlimits().isEmpty()) {
      merged.rlimits(container.rlimits());
    }
    return merged.build();
  }
}
