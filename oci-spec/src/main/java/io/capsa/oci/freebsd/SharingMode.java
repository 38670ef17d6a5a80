package io.capsa.oci.freebsd;

import io.capsa.oci.schema.JsonName;

/** Whether a jail shares a resource with its parent, gets its own, or has none. */
public enum SharingMode {
  @JsonName("disable")
  DISABLE,
  @JsonName("new")
  NEW,
  @JsonName("inherit")
  INHERIT
}
