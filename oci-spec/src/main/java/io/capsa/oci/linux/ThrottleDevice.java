package io.capsa.oci.linux;

import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/**
 * A block I/O rate limit of one device.
 *
 * @param rate bytes or operations per second
 */
public record ThrottleDevice(
    long major, long minor, @Uint64 Long rate, UnknownFields unknownFields) {
  public ThrottleDevice {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public ThrottleDevice(long major, long minor, Long rate) {
    this(major, minor, rate, UnknownFields.none());
  }
}
