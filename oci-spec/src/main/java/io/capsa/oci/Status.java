package io.capsa.oci;

import io.capsa.oci.schema.JsonName;

/**
 * The lifecycle status of a container. {@link #PAUSED} is runc's: the spec does not define it, but
 * runc reports it for a frozen container and a runc-compatible runtime must read and write it.
 */
public enum Status {
  @JsonName("creating")
  CREATING,
  @JsonName("created")
  CREATED,
  @JsonName("running")
  RUNNING,
  @JsonName("stopped")
  STOPPED,
  @JsonName("paused")
  PAUSED
}
