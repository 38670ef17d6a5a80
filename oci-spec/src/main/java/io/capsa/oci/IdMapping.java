package io.capsa.oci;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;

/**
 * A range of user or group ids mapped from the host into the container.
 *
 * @param containerId the first id inside the container
 * @param hostId the id on the host it maps to
 * @param size how many consecutive ids are mapped
 */
public record IdMapping(
    @JsonName("containerID") @Uint32 long containerId,
    @JsonName("hostID") @Uint32 long hostId,
    @Uint32 long size,
    UnknownFields unknownFields) {
  public IdMapping {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public IdMapping(long containerId, long hostId, long size) {
    this(containerId, hostId, size, UnknownFields.none());
  }
}
