package io.capsa.oci.image;

/** The image-spec schema's patterns, shared by the records that carry media types and digests. */
final class ImagePatterns {
  static final String MEDIA_TYPE =
      "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$";
  static final String DIGEST = "^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$";

  private ImagePatterns() {}
}
