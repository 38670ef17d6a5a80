package io.capsa.oci;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * The container's root filesystem.
 *
 * @param path the rootfs directory, absolute or relative to the bundle
 */
public record Root(@Required String path, Boolean readonly, UnknownFields unknownFields) {
  public Root {
    Objects.requireNonNull(path, "path");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Root(String path, Boolean readonly) {
    this(path, readonly, UnknownFields.none());
  }

  /** A writable root at {@code path}, with {@code readonly} absent. */
  public Root(String path) {
    this(path, null, UnknownFields.none());
  }
}
