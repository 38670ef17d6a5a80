package io.capsa.oci.windows;

import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/** Storage limits of a Windows container. */
public record StorageResources(
    @Uint64 Long iops, @Uint64 Long bps, @Uint64 Long sandboxSize, UnknownFields unknownFields) {
  public StorageResources {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public StorageResources(Long iops, Long bps, Long sandboxSize) {
    this(iops, bps, sandboxSize, UnknownFields.none());
  }
}
