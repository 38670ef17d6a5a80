package io.capsa.oci;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.UnknownFields;

/**
 * The CPUs a process started by {@code exec} may run on, as cpuset lists such as {@code 0-3,7}.
 *
 * @param initialCpus the affinity before the process joins the container cgroup
 * @param finalCpus the affinity after it joined the container cgroup
 */
public record CpuAffinity(
    @JsonName("initial") @Pattern("^[0-9, -]*$") String initialCpus,
    @JsonName("final") @Pattern("^[0-9, -]*$") String finalCpus,
    UnknownFields unknownFields) {
  public CpuAffinity {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public CpuAffinity(String initialCpus, String finalCpus) {
    this(initialCpus, finalCpus, UnknownFields.none());
  }
}
