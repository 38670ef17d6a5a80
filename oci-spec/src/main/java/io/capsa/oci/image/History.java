package io.capsa.oci.image;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;
import java.time.Instant;

/**
 * How one layer of an image was made.
 *
 * @param emptyLayer whether the step made no layer
 */
public record History(
    Instant created,
    @JsonName("created_by") String createdBy,
    String author,
    String comment,
    @JsonName("empty_layer") Boolean emptyLayer,
    UnknownFields unknownFields) {
  public History {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public History(
      Instant created, String createdBy, String author, String comment, Boolean emptyLayer) {
    this(created, createdBy, author, comment, emptyLayer, UnknownFields.none());
  }
}
