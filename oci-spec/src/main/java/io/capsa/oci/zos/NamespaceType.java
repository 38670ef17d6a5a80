package io.capsa.oci.zos;

import io.capsa.oci.schema.JsonName;

/** A kind of z/OS namespace. */
public enum NamespaceType {
  @JsonName("mount")
  MOUNT,
  @JsonName("pid")
  PID,
  @JsonName("uts")
  UTS,
  @JsonName("ipc")
  IPC
}
