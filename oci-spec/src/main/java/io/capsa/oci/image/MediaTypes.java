package io.capsa.oci.image;

/**
 * The media types of image-spec 1.1 documents and layers, and the annotation that names an image.
 */
public final class MediaTypes {
  public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String EMPTY_JSON = "application/vnd.oci.empty.v1+json";

  /** The annotation of an index entry that holds the image's tag or name. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  private MediaTypes() {}
}
