package io.capsa.oci.features;

import io.capsa.oci.schema.UnknownFields;

/** A feature that is only on or off (AppArmor, SELinux, net devices, id-mapped mounts). */
public record EnabledFeature(Boolean enabled, UnknownFields unknownFields) {
  public EnabledFeature {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public EnabledFeature(Boolean enabled) {
    this(enabled, UnknownFields.none());
  }
}
