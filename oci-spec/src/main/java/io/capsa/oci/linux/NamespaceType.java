package io.capsa.oci.linux;

import io.capsa.oci.schema.JsonName;

/** A kind of Linux namespace. */
public enum NamespaceType {
  @JsonName("mount")
  MOUNT,
  @JsonName("pid")
  PID,
  @JsonName("network")
  NETWORK,
  @JsonName("uts")
  UTS,
  @JsonName("ipc")
  IPC,
  @JsonName("user")
  USER,
  @JsonName("cgroup")
  CGROUP,
  @JsonName("time")
  TIME
}
