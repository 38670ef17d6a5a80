package io.capsa.oci.windows;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;

/** Hyper-V isolation of a Windows container. */
public record HyperV(@JsonName("utilityVMPath") String utilityVmPath, UnknownFields unknownFields) {
  public HyperV {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public HyperV(String utilityVmPath) {
    this(utilityVmPath, UnknownFields.none());
  }
}
