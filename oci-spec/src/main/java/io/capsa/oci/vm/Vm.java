package io.capsa.oci.vm;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * The section for containers run in a virtual machine. The schema spells the hardware member {@code
 * hwConfig}; the Go types spell it {@code hwconfig}.
 */
public record Vm(
    Hypervisor hypervisor,
    @Required Kernel kernel,
    Image image,
    HwConfig hwConfig,
    UnknownFields unknownFields) {
  public Vm {
    Objects.requireNonNull(kernel, "kernel");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Vm(Hypervisor hypervisor, Kernel kernel, Image image, HwConfig hwConfig) {
    this(hypervisor, kernel, image, hwConfig, UnknownFields.none());
  }
}
