package io.capsa.oci;

import io.capsa.oci.features.LinuxFeatures;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime supports, as {@code runc features} reports it.
 *
 * @param hooks the hook names the runtime runs
 * @param mountOptions the mount options the runtime knows
 * @param potentiallyUnsafeConfigAnnotations annotations, or prefixes ending in a dot, that may
 *     change what the runtime does
 */
public record Features(
    @Required String ociVersionMin,
    @Required String ociVersionMax,
    List<String> hooks,
    List<String> mountOptions,
    LinuxFeatures linux,
    Map<String, String> annotations,
    List<String> potentiallyUnsafeConfigAnnotations,
    UnknownFields unknownFields) {
  public Features {
    Objects.requireNonNull(ociVersionMin, "ociVersionMin");
    Objects.requireNonNull(ociVersionMax, "ociVersionMax");
    hooks = Immutable.list(hooks);
    mountOptions = Immutable.list(mountOptions);
    annotations = Immutable.map(annotations);
    potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Features}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Features}; members left unset stay absent. */
  public static final class Builder {
    private String ociVersionMin;
    private String ociVersionMax;
    private List<String> hooks;
    private List<String> mountOptions;
    private LinuxFeatures linux;
    private Map<String, String> annotations;
    private List<String> potentiallyUnsafeConfigAnnotations;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Features from) {
      ociVersionMin = from.ociVersionMin;
      ociVersionMax = from.ociVersionMax;
      hooks = from.hooks;
      mountOptions = from.mountOptions;
      linux = from.linux;
      annotations = from.annotations;
      potentiallyUnsafeConfigAnnotations = from.potentiallyUnsafeConfigAnnotations;
      unknownFields = from.unknownFields;
    }

    public Builder ociVersionMin(String ociVersionMin) {
      this.ociVersionMin = ociVersionMin;
      return this;
    }

    public Builder ociVersionMax(String ociVersionMax) {
      this.ociVersionMax = ociVersionMax;
      return this;
    }

    public Builder hooks(List<String> hooks) {
      this.hooks = hooks;
      return this;
    }

    public Builder mountOptions(List<String> mountOptions) {
      this.mountOptions = mountOptions;
      return this;
    }

    public Builder linux(LinuxFeatures linux) {
      this.linux = linux;
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations = annotations;
      return this;
    }

    public Builder potentiallyUnsafeConfigAnnotations(
        List<String> potentiallyUnsafeConfigAnnotations) {
      this.potentiallyUnsafeConfigAnnotations = potentiallyUnsafeConfigAnnotations;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Features build() {
      return new Features(
          ociVersionMin,
          ociVersionMax,
          hooks,
          mountOptions,
          linux,
          annotations,
          potentiallyUnsafeConfigAnnotations,
          unknownFields);
    }
  }
}
