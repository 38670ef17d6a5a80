package io.capsa.oci.linux;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/**
 * Memory limits, in bytes unless noted.
 *
 * @param swap memory plus swap
 * @param kernel deprecated by the spec
 * @param swappiness 0 to 100
 */
public record Memory(
    Long limit,
    Long reservation,
    Long swap,
    Long kernel,
    @JsonName("kernelTCP") Long kernelTcp,
    @Uint64 Long swappiness,
    @JsonName("disableOOMKiller") Boolean disableOomKiller,
    Boolean useHierarchy,
    Boolean checkBeforeUpdate,
    UnknownFields unknownFields) {
  public Memory {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Memory}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Memory}; members left unset stay absent. */
  public static final class Builder {
    private Long limit;
    private Long reservation;
    private Long swap;
    private Long kernel;
    private Long kernelTcp;
    private Long swappiness;
    private Boolean disableOomKiller;
    private Boolean useHierarchy;
    private Boolean checkBeforeUpdate;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Memory from) {
      limit = from.limit;
      reservation = from.reservation;
      swap = from.swap;
      kernel = from.kernel;
      kernelTcp = from.kernelTcp;
      swappiness = from.swappiness;
      disableOomKiller = from.disableOomKiller;
      useHierarchy = from.useHierarchy;
      checkBeforeUpdate = from.checkBeforeUpdate;
      unknownFields = from.unknownFields;
    }

    public Builder limit(Long limit) {
      this.limit = limit;
      return this;
    }

    public Builder reservation(Long reservation) {
      this.reservation = reservation;
      return this;
    }

    public Builder swap(Long swap) {
      this.swap = swap;
      return this;
    }

    public Builder kernel(Long kernel) {
      this.kernel = kernel;
      return this;
    }

    public Builder kernelTcp(Long kernelTcp) {
      this.kernelTcp = kernelTcp;
      return this;
    }

    public Builder swappiness(Long swappiness) {
      this.swappiness = swappiness;
      return this;
    }

    public Builder disableOomKiller(Boolean disableOomKiller) {
      this.disableOomKiller = disableOomKiller;
      return this;
    }

    public Builder useHierarchy(Boolean useHierarchy) {
      this.useHierarchy = useHierarchy;
      return this;
    }

    public Builder checkBeforeUpdate(Boolean checkBeforeUpdate) {
      this.checkBeforeUpdate = checkBeforeUpdate;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Memory build() {
      return new Memory(
          limit,
          reservation,
          swap,
          kernel,
          kernelTcp,
          swappiness,
          disableOomKiller,
          useHierarchy,
          checkBeforeUpdate,
          unknownFields);
    }
  }
}
