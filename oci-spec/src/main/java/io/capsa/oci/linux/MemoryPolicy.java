package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * The NUMA memory policy of the container process, set with set_mempolicy(2).
 *
 * @param nodes a node list such as {@code 0-3,7}
 */
public record MemoryPolicy(
    MemoryPolicyMode mode,
    String nodes,
    List<MemoryPolicyFlag> flags,
    UnknownFields unknownFields) {
  public MemoryPolicy {
    flags = Immutable.list(flags);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public MemoryPolicy(MemoryPolicyMode mode, String nodes, List<MemoryPolicyFlag> flags) {
    this(mode, nodes, flags, UnknownFields.none());
  }
}
