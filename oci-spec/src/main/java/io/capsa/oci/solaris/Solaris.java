package io.capsa.oci.solaris;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The Solaris section of config.json. */
public record Solaris(
    String milestone,
    String limitpriv,
    String maxShmMemory,
    List<Anet> anet,
    @JsonName("cappedCPU") CappedCpu cappedCpu,
    CappedMemory cappedMemory,
    UnknownFields unknownFields) {
  public Solaris {
    anet = Immutable.list(anet);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Solaris(
      String milestone,
      String limitpriv,
      String maxShmMemory,
      List<Anet> anet,
      CappedCpu cappedCpu,
      CappedMemory cappedMemory) {
    this(milestone, limitpriv, maxShmMemory, anet, cappedCpu, cappedMemory, UnknownFields.none());
  }
}
