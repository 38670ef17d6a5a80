package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to content by digest (image-spec 1.1).
 *
 * @param digest such as {@code sha256:} and 64 hex digits
 * @param size bytes
 * @param data the content itself, base64-encoded
 * @param platform what the referenced manifest runs on, in an index
 */
public record Descriptor(
    @Required @Pattern(ImagePatterns.MEDIA_TYPE) String mediaType,
    @Required @Pattern(ImagePatterns.DIGEST) String digest,
    long size,
    List<String> urls,
    Map<String, String> annotations,
    String data,
    Platform platform,
    @Pattern(ImagePatterns.MEDIA_TYPE) String artifactType,
    UnknownFields unknownFields) {
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    urls = Immutable.list(urls);
    annotations = Immutable.map(annotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Descriptor(
      String mediaType,
      String digest,
      long size,
      List<String> urls,
      Map<String, String> annotations,
      String data,
      Platform platform,
      String artifactType) {
    this(
        mediaType,
        digest,
        size,
        urls,
        annotations,
        data,
        platform,
        artifactType,
        UnknownFields.none());
  }

  /** A descriptor of {@code size} bytes of {@code mediaType} content. */
  public Descriptor(String mediaType, String digest, long size) {
    this(mediaType, digest, size, null, null, null, null, null, UnknownFields.none());
  }
}
