package io.capsa.oci.windows;

import io.capsa.oci.schema.UnknownFields;

/** Resource limits of a Windows container. */
public record Resources(
    MemoryResources memory,
    CpuResources cpu,
    StorageResources storage,
    UnknownFields unknownFields) {
  public Resources {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Resources(MemoryResources memory, CpuResources cpu, StorageResources storage) {
    this(memory, cpu, storage, UnknownFields.none());
  }
}
