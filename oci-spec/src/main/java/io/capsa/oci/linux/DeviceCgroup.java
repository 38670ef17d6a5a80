package io.capsa.oci.linux;

import io.capsa.oci.schema.UnknownFields;

/**
 * One rule of the device allowlist.
 *
 * @param type {@code a} (all), {@code c} or {@code b}
 * @param major absent matches every major number
 * @param minor absent matches every minor number
 * @param access some of {@code r}, {@code w} and {@code m}
 */
public record DeviceCgroup(
    boolean allow,
    String type,
    Long major,
    Long minor,
    String access,
    UnknownFields unknownFields) {
  public DeviceCgroup {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public DeviceCgroup(boolean allow, String type, Long major, Long minor, String access) {
    this(allow, type, major, minor, access, UnknownFields.none());
  }
}
