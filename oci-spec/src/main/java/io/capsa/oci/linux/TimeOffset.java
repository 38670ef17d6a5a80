package io.capsa.oci.linux;

import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;

/** The offset of one clock. */
public record TimeOffset(Long secs, @Uint32 Long nanosecs, UnknownFields unknownFields) {
  public TimeOffset {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public TimeOffset(Long secs, Long nanosecs) {
    this(secs, nanosecs, UnknownFields.none());
  }
}
