package io.capsa.oci.linux;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * A namespace the container gets: a new one, or the one at {@code path} to join.
 *
 * @param path a namespace file such as /proc/1234/ns/net
 */
public record Namespace(@Required NamespaceType type, String path, UnknownFields unknownFields) {
  public Namespace {
    Objects.requireNonNull(type, "type");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Namespace(NamespaceType type, String path) {
    this(type, path, UnknownFields.none());
  }

  /** A new namespace of {@code type}. */
  public Namespace(NamespaceType type) {
    this(type, null, UnknownFields.none());
  }
}
