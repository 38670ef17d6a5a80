package io.capsa.runtime.process;

import io.capsa.oci.linux.MemoryPolicy;
import io.capsa.oci.linux.Personality;
import io.capsa.oci.linux.Seccomp;
import java.util.Objects;

/**
 * What a {@link ProcessPlan} needs to know about the container its process runs in, beyond the
 * process's own configuration.
 *
 * @param role the container's init, or a process exec'd into it
 * @param userNamespace whether the process is in a user namespace other than the host's, where
 *     setgroups may be denied
 * @param preservedFds how many fds from 3 up the process inherits (runc's --preserve-fds, plus
 *     LISTEN_FDS); every fd above them is closed when it execs
 * @param personality the container's {@code linux.personality}, null when absent; problems
 *     with it are reported at {@link #PERSONALITY_PATH}
 * @param memoryPolicy the container's {@code linux.memoryPolicy}, null when absent; problems
 *     with it are reported at {@link #MEMORY_POLICY_PATH}
 * @param kernel what the running kernel offers
 * @param seccomp the container's {@code linux.seccomp}, which an exec'd process gets too; null
 *     when absent; problems with it are reported at {@link #SECCOMP_PATH}
 */
public record ProcessContext(ProcessRole role, boolean userNamespace, int preservedFds,
    Personality personality, MemoryPolicy memoryPolicy, KernelFeatures kernel, Seccomp seccomp) {
  /** Where the personality is in config.json, whichever document the process came from. */
  public static final String PERSONALITY_PATH = "$.linux.personality";
  /** Where the memory policy is in config.json, whichever document the process came from. */
  public static final String MEMORY_POLICY_PATH = "$.linux.memoryPolicy";
  /** Where the seccomp filter is in config.json, whichever document the process came from. */
  public static final String SECCOMP_PATH = "$.linux.seccomp";

  public ProcessContext {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(kernel, "kernel");
    if (preservedFds < 0) {
      throw new IllegalArgumentException("negative number of preserved fds: " + preservedFds);
    }
  }

  /** A context without a seccomp filter. */
  public ProcessContext(ProcessRole role, boolean userNamespace, int preservedFds,
      Personality personality, MemoryPolicy memoryPolicy, KernelFeatures kernel) {
    this(role, userNamespace, preservedFds, personality, memoryPolicy, kernel, null);
  }
}
