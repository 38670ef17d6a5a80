package io.capsa.oci.solaris;

import io.capsa.oci.schema.UnknownFields;

/** The CPU cap of a Solaris zone. */
public record CappedCpu(String ncpus, UnknownFields unknownFields) {
  public CappedCpu {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CappedCpu(String ncpus) {
    this(ncpus, UnknownFields.none());
  }
}
