package io.capsa.oci.windows;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/** A device assigned to a Windows container. */
public record Device(
    @Required String id, @Required DeviceIdType idType, UnknownFields unknownFields) {
  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idType, "idType");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Device(String id, DeviceIdType idType) {
    this(id, idType, UnknownFields.none());
  }
}
