package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image configuration (image-spec 1.1): how to run the image, and its layer history.
 *
 * @param config defaults for a container of the image
 */
public record ImageConfig(
    Instant created,
    String author,
    @Required String architecture,
    @Required String os,
    @JsonName("os.version") String osVersion,
    @JsonName("os.features") List<String> osFeatures,
    String variant,
    ExecutionConfig config,
    @Required RootFs rootfs,
    List<History> history,
    UnknownFields unknownFields) {
  public ImageConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(rootfs, "rootfs");
    osFeatures = Immutable.list(osFeatures);
    history = Immutable.list(history);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code ImageConfig}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ImageConfig}; members left unset stay absent. */
  public static final class Builder {
    private Instant created;
    private String author;
    private String architecture;
    private String os;
    private String osVersion;
    private List<String> osFeatures;
    private String variant;
    private ExecutionConfig config;
    private RootFs rootfs;
    private List<History> history;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(ImageConfig from) {
      created = from.created;
      author = from.author;
      architecture = from.architecture;
      os = from.os;
      osVersion = from.osVersion;
      osFeatures = from.osFeatures;
      variant = from.variant;
      config = from.config;
      rootfs = from.rootfs;
      history = from.history;
      unknownFields = from.unknownFields;
    }

    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    public Builder author(String author) {
      this.author = author;
      return this;
    }

    public Builder architecture(String architecture) {
      this.architecture = architecture;
      return this;
    }

    public Builder os(String os) {
      this.os = os;
      return this;
    }

    public Builder osVersion(String osVersion) {
      this.osVersion = osVersion;
      return this;
    }

    public Builder osFeatures(List<String> osFeatures) {
      this.osFeatures = osFeatures;
      return this;
    }

    public Builder variant(String variant) {
      this.variant = variant;
      return this;
    }

    public Builder config(ExecutionConfig config) {
      this.config = config;
      return this;
    }

    public Builder rootfs(RootFs rootfs) {
      this.rootfs = rootfs;
      return this;
    }

    public Builder history(List<History> history) {
      this.history = history;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public ImageConfig build() {
      return new ImageConfig(
          created,
          author,
          architecture,
          os,
          osVersion,
          osFeatures,
          variant,
          config,
          rootfs,
          history,
          unknownFields);
    }
  }
}
