package io.capsa.oci.freebsd;

import io.capsa.oci.schema.JsonName;

/** A {@link SharingMode} for resources a jail cannot do without (host, vnet). */
public enum SharingModeNoDisable {
  @JsonName("new")
  NEW,
  @JsonName("inherit")
  INHERIT
}
