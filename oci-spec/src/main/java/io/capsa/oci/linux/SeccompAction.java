package io.capsa.oci.linux;

/** What a seccomp filter does with a syscall, in libseccomp's names. */
public enum SeccompAction {
  SCMP_ACT_KILL,
  SCMP_ACT_KILL_PROCESS,
  SCMP_ACT_KILL_THREAD,
  SCMP_ACT_TRAP,
  SCMP_ACT_ERRNO,
  SCMP_ACT_TRACE,
  SCMP_ACT_ALLOW,
  SCMP_ACT_LOG,
  SCMP_ACT_NOTIFY
}
