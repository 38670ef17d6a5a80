package io.capsa.runtime.process;

import io.capsa.init.InitProgramBuilder;
import io.capsa.oci.linux.MemoryPolicy;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.ArchConstant;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The container's NUMA memory policy ({@code linux.memoryPolicy}), set with set_mempolicy(2)
 * before the process execs, which keeps it. Checked with runc's rules (a mode is required; the
 * default and local modes take no nodes, the bind, interleave and preferred-many modes at least
 * one) and the kernel's (static and relative nodes exclude each other), so that what the kernel
 * would refuse with a bare EINVAL is reported with its JSON path instead.
 *
 * @param mode MPOL_* as the spec names it (the kernel's names)
 * @param flags MPOL_F_* as the spec names them
 * @param nodes the node mask, empty for none
 */
record MemoryPolicySetting(ArchConstant mode, List<ArchConstant> flags, BitSet nodes) {
  private static final Set<MemoryPolicyMode> WITHOUT_NODES =
      EnumSet.of(MemoryPolicyMode.MPOL_DEFAULT, MemoryPolicyMode.MPOL_LOCAL);
  private static final Set<MemoryPolicyMode> NEEDING_NODES = EnumSet.of(
      MemoryPolicyMode.MPOL_BIND, MemoryPolicyMode.MPOL_INTERLEAVE,
      MemoryPolicyMode.MPOL_PREFERRED_MANY, MemoryPolicyMode.MPOL_WEIGHTED_INTERLEAVE);

  MemoryPolicySetting {
    flags = List.copyOf(flags);
    nodes = (BitSet) nodes.clone();
  }

  /** The setting, or null after adding its problems at {@code path}. */
  static MemoryPolicySetting from(MemoryPolicy policy, String path, ConfigProblems problems) {
    int problemsBefore = problems.list().size();
    BitSet nodes = nodes(policy.nodes(), path + ".nodes", problems);
    MemoryPolicyMode mode = policy.mode();
    if (mode == null) {
      problems.add(path + ".mode", "is required");
    } else if (WITHOUT_NODES.contains(mode) && !nodes.isEmpty()) {
      problems.add(path + ".nodes", mode + " takes no nodes, got \"" + policy.nodes() + "\"");
    } else if (NEEDING_NODES.contains(mode) && nodes.isEmpty()) {
      problems.add(path + ".nodes", mode + " needs at least one node");
    }
    List<MemoryPolicyFlag> flags = policy.flags() == null ? List.of() : policy.flags();
    if (flags.contains(MemoryPolicyFlag.MPOL_F_STATIC_NODES)
        && flags.contains(MemoryPolicyFlag.MPOL_F_RELATIVE_NODES)) {
      problems.add(path + ".flags",
          "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other");
    }
    if (problems.list().size() > problemsBefore) {
      return null;
    }
    // The spec names modes and flags as the kernel's headers do.
    return new MemoryPolicySetting(ArchConstant.valueOf(mode.name()),
        flags.stream().map(flag -> ArchConstant.valueOf(flag.name())).toList(), nodes);
  }

  /** A node list such as {@code 0-3,7}; absent or empty is no node. */
  private static BitSet nodes(String list, String path, ConfigProblems problems) {
    if (list == null || list.isEmpty()) {
      return new BitSet();
    }
    try {
      return CpuList.parse(list, "NUMA node");
    } catch (IllegalArgumentException e) {
      problems.add(path, "\"" + list + "\" is not a NUMA node list: " + e.getMessage());
      return new BitSet();
    }
  }

  void emit(InitProgramBuilder b) {
    long value = b.constant(mode);
    for (ArchConstant flag : flags) {
      value |= b.constant(flag);
    }
    b.setMempolicy(value, (BitSet) nodes.clone());
  }
}
