package io.capsa.oci.features;

import io.capsa.oci.schema.UnknownFields;

/** Which cgroup managers and controllers a runtime supports. */
public record CgroupFeatures(
    Boolean v1,
    Boolean v2,
    Boolean systemd,
    Boolean systemdUser,
    Boolean rdma,
    UnknownFields unknownFields) {
  public CgroupFeatures {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CgroupFeatures(
      Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {
    this(v1, v2, systemd, systemdUser, rdma, UnknownFields.none());
  }
}
