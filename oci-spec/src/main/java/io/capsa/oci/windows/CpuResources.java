package io.capsa.oci.windows;

import io.capsa.oci.schema.Uint16;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/**
 * CPU limits of a Windows container. The schema gives {@code affinity} as one object; the Go types
 * use a list, so documents from Go may not read.
 */
public record CpuResources(
    @Uint64 Long count,
    @Uint16 Integer shares,
    @Uint16 Integer maximum,
    CpuGroupAffinity affinity,
    UnknownFields unknownFields) {
  public CpuResources {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CpuResources(Long count, Integer shares, Integer maximum, CpuGroupAffinity affinity) {
    this(count, shares, maximum, affinity, UnknownFields.none());
  }
}
