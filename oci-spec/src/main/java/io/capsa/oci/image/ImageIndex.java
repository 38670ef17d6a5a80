package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image index (image-spec 1.1): the entry point of an image layout, listing manifests.
 *
 * @param schemaVersion always 2
 */
public record ImageIndex(
    @Range(min = 2, max = 2) int schemaVersion,
    @Pattern(ImagePatterns.MEDIA_TYPE) String mediaType,
    @Pattern(ImagePatterns.MEDIA_TYPE) String artifactType,
    @Required List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations,
    UnknownFields unknownFields) {
  public ImageIndex {
    Objects.requireNonNull(manifests, "manifests");
    manifests = Immutable.list(manifests);
    annotations = Immutable.map(annotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public ImageIndex(
      int schemaVersion,
      String mediaType,
      String artifactType,
      List<Descriptor> manifests,
      Descriptor subject,
      Map<String, String> annotations) {
    this(
        schemaVersion,
        mediaType,
        artifactType,
        manifests,
        subject,
        annotations,
        UnknownFields.none());
  }

  /** An index of {@code manifests} with the index media type. */
  public ImageIndex(List<Descriptor> manifests) {
    this(2, MediaTypes.IMAGE_INDEX, null, manifests, null, null, UnknownFields.none());
  }
}
