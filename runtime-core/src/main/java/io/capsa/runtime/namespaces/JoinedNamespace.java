package io.capsa.runtime.namespaces;

import io.capsa.oci.linux.NamespaceType;
import java.util.Objects;

/** An existing namespace the container joins: the file at {@code path}, e.g. /proc/42/ns/net. */
public record JoinedNamespace(NamespaceType type, String path) {
  public JoinedNamespace {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(path, "path");
  }
}
