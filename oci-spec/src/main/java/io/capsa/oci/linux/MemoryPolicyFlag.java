package io.capsa.oci.linux;

/** A mode flag of set_mempolicy(2). */
public enum MemoryPolicyFlag {
  MPOL_F_NUMA_BALANCING,
  MPOL_F_RELATIVE_NODES,
  MPOL_F_STATIC_NODES
}
