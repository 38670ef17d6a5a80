package io.capsa.oci.windows;

import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/** The memory limit of a Windows container. */
public record MemoryResources(@Uint64 Long limit, UnknownFields unknownFields) {
  public MemoryResources {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public MemoryResources(Long limit) {
    this(limit, UnknownFields.none());
  }
}
