package io.capsa.oci.linux;

import io.capsa.oci.schema.UnknownFields;

/** Clock offsets of a new time namespace. */
public record TimeOffsets(TimeOffset boottime, TimeOffset monotonic, UnknownFields unknownFields) {
  public TimeOffsets {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public TimeOffsets(TimeOffset boottime, TimeOffset monotonic) {
    this(boottime, monotonic, UnknownFields.none());
  }
}
