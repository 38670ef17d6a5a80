package io.capsa.oci.linux;

import io.capsa.oci.schema.JsonName;

/** The kind of a device node, as mknod(1) spells it. */
public enum DeviceType {
  @JsonName("c")
  CHAR,
  @JsonName("b")
  BLOCK,
  @JsonName("u")
  UNBUFFERED_CHAR,
  @JsonName("p")
  FIFO
}
