package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint16;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** Block I/O weights and throttles. */
public record BlockIo(
    @Uint16 Integer weight,
    @Uint16 Integer leafWeight,
    List<WeightDevice> weightDevice,
    List<ThrottleDevice> throttleReadBpsDevice,
    List<ThrottleDevice> throttleWriteBpsDevice,
    @JsonName("throttleReadIOPSDevice") List<ThrottleDevice> throttleReadIopsDevice,
    @JsonName("throttleWriteIOPSDevice") List<ThrottleDevice> throttleWriteIopsDevice,
    UnknownFields unknownFields) {
  public BlockIo {
    weightDevice = Immutable.list(weightDevice);
    throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
    throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
    throttleReadIopsDevice = Immutable.list(throttleReadIopsDevice);
    throttleWriteIopsDevice = Immutable.list(throttleWriteIopsDevice);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code BlockIo}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link BlockIo}; members left unset stay absent. */
  public static final class Builder {
    private Integer weight;
    private Integer leafWeight;
    private List<WeightDevice> weightDevice;
    private List<ThrottleDevice> throttleReadBpsDevice;
    private List<ThrottleDevice> throttleWriteBpsDevice;
    private List<ThrottleDevice> throttleReadIopsDevice;
    private List<ThrottleDevice> throttleWriteIopsDevice;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(BlockIo from) {
      weight = from.weight;
      leafWeight = from.leafWeight;
      weightDevice = from.weightDevice;
      throttleReadBpsDevice = from.throttleReadBpsDevice;
      throttleWriteBpsDevice = from.throttleWriteBpsDevice;
      throttleReadIopsDevice = from.throttleReadIopsDevice;
      throttleWriteIopsDevice = from.throttleWriteIopsDevice;
      unknownFields = from.unknownFields;
    }

    public Builder weight(Integer weight) {
      this.weight = weight;
      return this;
    }

    public Builder leafWeight(Integer leafWeight) {
      this.leafWeight = leafWeight;
      return this;
    }

    public Builder weightDevice(List<WeightDevice> weightDevice) {
      this.weightDevice = weightDevice;
      return this;
    }

    public Builder throttleReadBpsDevice(List<ThrottleDevice> throttleReadBpsDevice) {
      this.throttleReadBpsDevice = throttleReadBpsDevice;
      return this;
    }

    public Builder throttleWriteBpsDevice(List<ThrottleDevice> throttleWriteBpsDevice) {
      this.throttleWriteBpsDevice = throttleWriteBpsDevice;
      return this;
    }

    public Builder throttleReadIopsDevice(List<ThrottleDevice> throttleReadIopsDevice) {
      this.throttleReadIopsDevice = throttleReadIopsDevice;
      return this;
    }

    public Builder throttleWriteIopsDevice(List<ThrottleDevice> throttleWriteIopsDevice) {
      this.throttleWriteIopsDevice = throttleWriteIopsDevice;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public BlockIo build() {
      return new BlockIo(
          weight,
          leafWeight,
          weightDevice,
          throttleReadBpsDevice,
          throttleWriteBpsDevice,
          throttleReadIopsDevice,
          throttleWriteIopsDevice,
          unknownFields);
    }
  }
}
