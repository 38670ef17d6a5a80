package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.MinItems;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest (image-spec 1.1): the config and layers of one image.
 *
 * @param schemaVersion always 2
 * @param layers from the base layer up
 */
public record ImageManifest(
    @Range(min = 2, max = 2) int schemaVersion,
    @Pattern(ImagePatterns.MEDIA_TYPE) String mediaType,
    @Pattern(ImagePatterns.MEDIA_TYPE) String artifactType,
    @Required Descriptor config,
    @Required @MinItems(1) List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations,
    UnknownFields unknownFields) {
  public ImageManifest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(layers, "layers");
    layers = Immutable.list(layers);
    annotations = Immutable.map(annotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public ImageManifest(
      int schemaVersion,
      String mediaType,
      String artifactType,
      Descriptor config,
      List<Descriptor> layers,
      Descriptor subject,
      Map<String, String> annotations) {
    this(
        schemaVersion,
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        UnknownFields.none());
  }

  /** A manifest of an image with the manifest media type. */
  public ImageManifest(Descriptor config, List<Descriptor> layers) {
    this(2, MediaTypes.IMAGE_MANIFEST, null, config, layers, null, null, UnknownFields.none());
  }
}
