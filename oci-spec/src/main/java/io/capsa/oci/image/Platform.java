package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The operating system and CPU an image runs on, in Go's names (linux, amd64).
 *
 * @param variant such as {@code v8} for arm64
 */
public record Platform(
    @Required String architecture,
    @Required String os,
    @JsonName("os.version") String osVersion,
    @JsonName("os.features") List<String> osFeatures,
    String variant,
    UnknownFields unknownFields) {
  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    osFeatures = Immutable.list(osFeatures);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Platform(
      String architecture, String os, String osVersion, List<String> osFeatures, String variant) {
    this(architecture, os, osVersion, osFeatures, variant, UnknownFields.none());
  }

  /** A platform with only its architecture and operating system. */
  public Platform(String architecture, String os) {
    this(architecture, os, null, null, null, UnknownFields.none());
  }
}
