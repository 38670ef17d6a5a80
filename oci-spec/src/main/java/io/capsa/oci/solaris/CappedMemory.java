package io.capsa.oci.solaris;

import io.capsa.oci.schema.UnknownFields;

/** The memory caps of a Solaris zone. */
public record CappedMemory(String physical, String swap, UnknownFields unknownFields) {
  public CappedMemory {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CappedMemory(String physical, String swap) {
    this(physical, swap, UnknownFields.none());
  }
}
