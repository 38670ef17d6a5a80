package io.capsa.oci.windows;

import io.capsa.oci.schema.JsonName;

/** How a Windows device id is to be read. */
public enum DeviceIdType {
  @JsonName("class")
  CLASS
}
