package io.capsa.oci.features;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;

/**
 * Which mount extensions a runtime supports.
 *
 * @param idMap id-mapped mounts
 */
public record MountExtensions(
    @JsonName("idmap") EnabledFeature idMap, UnknownFields unknownFields) {
  public MountExtensions {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public MountExtensions(EnabledFeature idMap) {
    this(idMap, UnknownFields.none());
  }
}
