package io.capsa.oci.vm;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/** The kernel the virtual machine boots. */
public record Kernel(
    @Required String path, List<String> parameters, String initrd, UnknownFields unknownFields) {
  public Kernel {
    Objects.requireNonNull(path, "path");
    parameters = Immutable.list(parameters);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Kernel(String path, List<String> parameters, String initrd) {
    this(path, parameters, initrd, UnknownFields.none());
  }
}
