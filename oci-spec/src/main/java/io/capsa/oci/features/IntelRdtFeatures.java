package io.capsa.oci.features;

import io.capsa.oci.schema.UnknownFields;

/** Which Intel RDT features a runtime supports. */
public record IntelRdtFeatures(
    Boolean enabled, Boolean schemata, Boolean monitoring, UnknownFields unknownFields) {
  public IntelRdtFeatures {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public IntelRdtFeatures(Boolean enabled, Boolean schemata, Boolean monitoring) {
    this(enabled, schemata, monitoring, UnknownFields.none());
  }
}
