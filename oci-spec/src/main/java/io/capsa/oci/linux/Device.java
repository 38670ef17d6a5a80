package io.capsa.oci.linux;

import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * A device node to create in the container.
 *
 * @param path absolute path inside the container
 * @param fileMode permission bits, 0 to 0777
 */
public record Device(
    @Required String path,
    @Required DeviceType type,
    Long major,
    Long minor,
    @Range(min = 0, max = 511) Integer fileMode,
    @Uint32 Long uid,
    @Uint32 Long gid,
    UnknownFields unknownFields) {
  public Device {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A device node with its numbers and default mode and owner. */
  public Device(String path, DeviceType type, long major, long minor) {
    this(path, type, major, minor, null, null, null, UnknownFields.none());
  }
}
