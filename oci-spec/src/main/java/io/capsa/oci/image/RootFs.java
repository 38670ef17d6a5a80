package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The layers of an image by their uncompressed digests.
 *
 * @param type always {@code layers}
 * @param diffIds from the base layer up
 */
public record RootFs(
    @Required @Pattern("^layers$") String type,
    @JsonName("diff_ids") @Required List<String> diffIds,
    UnknownFields unknownFields) {
  public RootFs {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(diffIds, "diff_ids");
    diffIds = Immutable.list(diffIds);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public RootFs(String type, List<String> diffIds) {
    this(type, diffIds, UnknownFields.none());
  }

  /** The root filesystem made of the layers with {@code diffIds}. */
  public RootFs(List<String> diffIds) {
    this("layers", diffIds, UnknownFields.none());
  }
}
