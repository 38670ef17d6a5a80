package io.capsa.oci.image;

import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * The {@code oci-layout} file at the root of an image layout.
 *
 * @param imageLayoutVersion always {@code 1.0.0}
 */
public record ImageLayout(
    @Required @Pattern("^1\\.0\\.0$") String imageLayoutVersion, UnknownFields unknownFields) {
  /** The version of the image layout this module reads and writes. */
  public static final String VERSION = "1.0.0";

  public ImageLayout {
    Objects.requireNonNull(imageLayoutVersion, "imageLayoutVersion");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public ImageLayout(String imageLayoutVersion) {
    this(imageLayoutVersion, UnknownFields.none());
  }
}
