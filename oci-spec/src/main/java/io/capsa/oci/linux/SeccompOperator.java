package io.capsa.oci.linux;

/** How a seccomp argument condition compares, in libseccomp's names. */
public enum SeccompOperator {
  SCMP_CMP_NE,
  SCMP_CMP_LT,
  SCMP_CMP_LE,
  SCMP_CMP_EQ,
  SCMP_CMP_GE,
  SCMP_CMP_GT,
  SCMP_CMP_MASKED_EQ
}
