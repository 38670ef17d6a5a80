package io.capsa.oci.vm;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/** A range of I/O memory passed through to the machine, in page frame numbers. */
public record IoMem(
    @JsonName("firstGFN") @Uint64 Long firstGfn,
    @JsonName("firstMFN") @Uint64 long firstMfn,
    @JsonName("nrMFNs") @Uint64 long nrMfns,
    UnknownFields unknownFields) {
  public IoMem {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public IoMem(Long firstGfn, long firstMfn, long nrMfns) {
    this(firstGfn, firstMfn, nrMfns, UnknownFields.none());
  }
}
