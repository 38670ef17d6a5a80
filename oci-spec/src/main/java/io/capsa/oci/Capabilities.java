package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The Linux capability sets of the process, each a list of names such as {@code CAP_KILL}. */
public record Capabilities(
    List<String> bounding,
    List<String> effective,
    List<String> inheritable,
    List<String> permitted,
    List<String> ambient,
    UnknownFields unknownFields) {
  public Capabilities {
    bounding = Immutable.list(bounding);
    effective = Immutable.list(effective);
    inheritable = Immutable.list(inheritable);
    permitted = Immutable.list(permitted);
    ambient = Immutable.list(ambient);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {
    this(bounding, effective, inheritable, permitted, ambient, UnknownFields.none());
  }
}
