package io.capsa.oci.linux;

import io.capsa.oci.schema.UnknownFields;

/**
 * A host network interface moved into the container.
 *
 * @param name its name inside the container; absent keeps the host name
 */
public record NetDevice(String name, UnknownFields unknownFields) {
  public NetDevice {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public NetDevice(String name) {
    this(name, UnknownFields.none());
  }
}
