package io.capsa.oci.vm;

import io.capsa.oci.schema.JsonName;

/** A virtual machine image format. */
public enum ImageFormat {
  @JsonName("raw")
  RAW,
  @JsonName("qcow2")
  QCOW2,
  @JsonName("vdi")
  VDI,
  @JsonName("vmdk")
  VMDK,
  @JsonName("vhd")
  VHD
}
