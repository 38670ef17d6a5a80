package io.capsa.oci.linux;

import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/**
 * CPU limits.
 *
 * @param quota microseconds per period
 * @param period microseconds
 * @param cpus a cpuset list such as {@code 0-3}
 * @param mems a list of memory nodes
 */
public record Cpu(
    @Uint64 Long shares,
    Long quota,
    @Uint64 Long burst,
    @Uint64 Long period,
    Long realtimeRuntime,
    @Uint64 Long realtimePeriod,
    String cpus,
    String mems,
    Long idle,
    UnknownFields unknownFields) {
  public Cpu {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Cpu}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Cpu}; members left unset stay absent. */
  public static final class Builder {
    private Long shares;
    private Long quota;
    private Long burst;
    private Long period;
    private Long realtimeRuntime;
    private Long realtimePeriod;
    private String cpus;
    private String mems;
    private Long idle;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Cpu from) {
      shares = from.shares;
      quota = from.quota;
      burst = from.burst;
      period = from.period;
      realtimeRuntime = from.realtimeRuntime;
      realtimePeriod = from.realtimePeriod;
      cpus = from.cpus;
      mems = from.mems;
      idle = from.idle;
      unknownFields = from.unknownFields;
    }

    public Builder shares(Long shares) {
      this.shares = shares;
      return this;
    }

    public Builder quota(Long quota) {
      this.quota = quota;
      return this;
    }

    public Builder burst(Long burst) {
      this.burst = burst;
      return this;
    }

    public Builder period(Long period) {
      this.period = period;
      return this;
    }

    public Builder realtimeRuntime(Long realtimeRuntime) {
      this.realtimeRuntime = realtimeRuntime;
      return this;
    }

    public Builder realtimePeriod(Long realtimePeriod) {
      this.realtimePeriod = realtimePeriod;
      return this;
    }

    public Builder cpus(String cpus) {
      this.cpus = cpus;
      return this;
    }

    public Builder mems(String mems) {
      this.mems = mems;
      return this;
    }

    public Builder idle(Long idle) {
      this.idle = idle;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Cpu build() {
      return new Cpu(
          shares,
          quota,
          burst,
          period,
          realtimeRuntime,
          realtimePeriod,
          cpus,
          mems,
          idle,
          unknownFields);
    }
  }
}
