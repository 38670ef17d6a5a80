package io.capsa.oci.linux;

import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;

/** Limits of one RDMA device. */
public record Rdma(@Uint32 Long hcaHandles, @Uint32 Long hcaObjects, UnknownFields unknownFields) {
  public Rdma {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Rdma(Long hcaHandles, Long hcaObjects) {
    this(hcaHandles, hcaObjects, UnknownFields.none());
  }
}
