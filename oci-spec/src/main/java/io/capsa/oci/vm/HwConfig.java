package io.capsa.oci.vm;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The virtual hardware of the machine. */
public record HwConfig(
    String deviceTree,
    @Uint32 Long vcpus,
    @Uint64 Long memory,
    List<String> dtdevs,
    List<IoMem> iomems,
    List<@Uint32 Long> irqs,
    UnknownFields unknownFields) {
  public HwConfig {
    dtdevs = Immutable.list(dtdevs);
    iomems = Immutable.list(iomems);
    irqs = Immutable.list(irqs);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public HwConfig(
      String deviceTree,
      Long vcpus,
      Long memory,
      List<String> dtdevs,
      List<IoMem> iomems,
      List<Long> irqs) {
    this(deviceTree, vcpus, memory, dtdevs, iomems, irqs, UnknownFields.none());
  }
}
