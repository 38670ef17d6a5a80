package io.capsa.oci.windows;

import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/** The processors of one processor group a Windows container may use. */
public record CpuGroupAffinity(@Uint64 Long mask, @Uint32 Long group, UnknownFields unknownFields) {
  public CpuGroupAffinity {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CpuGroupAffinity(Long mask, Long group) {
    this(mask, group, UnknownFields.none());
  }
}
