package io.capsa.oci.linux;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/** The net_prio priority of one network interface. */
public record InterfacePriority(
    @Required String name, @Uint32 long priority, UnknownFields unknownFields) {
  public InterfacePriority {
    Objects.requireNonNull(name, "name");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public InterfacePriority(String name, long priority) {
    this(name, priority, UnknownFields.none());
  }
}
