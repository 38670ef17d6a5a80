package io.capsa.oci.linux;

import io.capsa.oci.schema.JsonName;

/** The mount propagation of the container's root. */
public enum RootfsPropagation {
  @JsonName("private")
  PRIVATE,
  @JsonName("shared")
  SHARED,
  @JsonName("slave")
  SLAVE,
  @JsonName("unbindable")
  UNBINDABLE
}
