package io.capsa.oci.freebsd;

import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.UnknownFields;

/** A device to expose in the container's devfs. */
public record Device(
    String path, @Range(min = 0, max = 511) Integer mode, UnknownFields unknownFields) {
  public Device {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Device(String path, Integer mode) {
    this(path, mode, UnknownFields.none());
  }
}
