package io.capsa.oci.zos;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The z/OS section of config.json. */
public record Zos(List<Namespace> namespaces, UnknownFields unknownFields) {
  public Zos {
    namespaces = Immutable.list(namespaces);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Zos(List<Namespace> namespaces) {
    this(namespaces, UnknownFields.none());
  }
}
