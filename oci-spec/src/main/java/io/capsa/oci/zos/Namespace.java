package io.capsa.oci.zos;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/** A z/OS namespace the container gets: a new one, or the one at {@code path}. */
public record Namespace(@Required NamespaceType type, String path, UnknownFields unknownFields) {
  public Namespace {
    Objects.requireNonNull(type, "type");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Namespace(NamespaceType type, String path) {
    this(type, path, UnknownFields.none());
  }
}
