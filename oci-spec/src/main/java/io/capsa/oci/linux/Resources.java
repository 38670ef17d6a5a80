package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;

/**
 * The cgroup limits of the container.
 *
 * @param devices the device allowlist, applied in order
 * @param rdma limits by RDMA device name
 * @param unified cgroup v2 files and the values to write to them
 */
public record Resources(
    List<DeviceCgroup> devices,
    Memory memory,
    Cpu cpu,
    Pids pids,
    @JsonName("blockIO") BlockIo blockIo,
    List<HugepageLimit> hugepageLimits,
    Network network,
    Map<String, Rdma> rdma,
    Map<String, String> unified,
    UnknownFields unknownFields) {
  public Resources {
    devices = Immutable.list(devices);
    hugepageLimits = Immutable.list(hugepageLimits);
    rdma = Immutable.map(rdma);
    unified = Immutable.map(unified);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Resources}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Resources}; members left unset stay absent. */
  public static final class Builder {
    private List<DeviceCgroup> devices;
    private Memory memory;
    private Cpu cpu;
    private Pids pids;
    private BlockIo blockIo;
    private List<HugepageLimit> hugepageLimits;
    private Network network;
    private Map<String, Rdma> rdma;
    private Map<String, String> unified;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Resources from) {
      devices = from.devices;
      memory = from.memory;
      cpu = from.cpu;
      pids = from.pids;
      blockIo = from.blockIo;
      hugepageLimits = from.hugepageLimits;
      network = from.network;
      rdma = from.rdma;
      unified = from.unified;
      unknownFields = from.unknownFields;
    }

    public Builder devices(List<DeviceCgroup> devices) {
      this.devices = devices;
      return this;
    }

    public Builder memory(Memory memory) {
      this.memory = memory;
      return this;
    }

    public Builder cpu(Cpu cpu) {
      this.cpu = cpu;
      return this;
    }

    public Builder pids(Pids pids) {
      this.pids = pids;
      return this;
    }

    public Builder blockIo(BlockIo blockIo) {
      this.blockIo = blockIo;
      return this;
    }

    public Builder hugepageLimits(List<HugepageLimit> hugepageLimits) {
      this.hugepageLimits = hugepageLimits;
      return this;
    }

    public Builder network(Network network) {
      this.network = network;
      return this;
    }

    public Builder rdma(Map<String, Rdma> rdma) {
      this.rdma = rdma;
      return this;
    }

    public Builder unified(Map<String, String> unified) {
      this.unified = unified;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Resources build() {
      return new Resources(
          devices,
          memory,
          cpu,
          pids,
          blockIo,
          hugepageLimits,
          network,
          rdma,
          unified,
          unknownFields);
    }
  }
}
