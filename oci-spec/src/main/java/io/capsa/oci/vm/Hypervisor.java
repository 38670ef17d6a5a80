package io.capsa.oci.vm;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/** The hypervisor that runs the container. */
public record Hypervisor(
    @Required String path, List<String> parameters, UnknownFields unknownFields) {
  public Hypervisor {
    Objects.requireNonNull(path, "path");
    parameters = Immutable.list(parameters);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Hypervisor(String path, List<String> parameters) {
    this(path, parameters, UnknownFields.none());
  }
}
