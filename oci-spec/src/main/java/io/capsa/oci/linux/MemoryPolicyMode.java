package io.capsa.oci.linux;

/** A mode of set_mempolicy(2). */
public enum MemoryPolicyMode {
  MPOL_DEFAULT,
  MPOL_BIND,
  MPOL_INTERLEAVE,
  MPOL_WEIGHTED_INTERLEAVE,
  MPOL_PREFERRED,
  MPOL_PREFERRED_MANY,
  MPOL_LOCAL
}
