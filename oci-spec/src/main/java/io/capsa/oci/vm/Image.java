package io.capsa.oci.vm;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/** The root image of the virtual machine. */
public record Image(
    @Required String path, @Required ImageFormat format, UnknownFields unknownFields) {
  public Image {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Image(String path, ImageFormat format) {
    this(path, format, UnknownFields.none());
  }
}
