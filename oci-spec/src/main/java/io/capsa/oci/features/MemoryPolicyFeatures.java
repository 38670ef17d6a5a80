package io.capsa.oci.features;

import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** Which memory policy modes and flags a runtime supports. */
public record MemoryPolicyFeatures(
    List<MemoryPolicyMode> modes, List<MemoryPolicyFlag> flags, UnknownFields unknownFields) {
  public MemoryPolicyFeatures {
    modes = Immutable.list(modes);
    flags = Immutable.list(flags);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public MemoryPolicyFeatures(List<MemoryPolicyMode> modes, List<MemoryPolicyFlag> flags) {
    this(modes, flags, UnknownFields.none());
  }
}
