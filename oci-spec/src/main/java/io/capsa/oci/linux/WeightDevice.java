package io.capsa.oci.linux;

import io.capsa.oci.schema.Uint16;
import io.capsa.oci.schema.UnknownFields;

/** The block I/O weight of one device. */
public record WeightDevice(
    long major,
    long minor,
    @Uint16 Integer weight,
    @Uint16 Integer leafWeight,
    UnknownFields unknownFields) {
  public WeightDevice {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {
    this(major, minor, weight, leafWeight, UnknownFields.none());
  }
}
