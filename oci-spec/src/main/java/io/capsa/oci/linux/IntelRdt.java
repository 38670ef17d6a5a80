package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * Intel Resource Director Technology settings (resctrl).
 *
 * @param closId the resctrl group
 * @param schemata lines for the schemata file
 */
public record IntelRdt(
    @JsonName("closID") String closId,
    List<String> schemata,
    String l3CacheSchema,
    @Pattern("^MB:[^\\n]*$") String memBwSchema,
    Boolean enableMonitoring,
    UnknownFields unknownFields) {
  public IntelRdt {
    schemata = Immutable.list(schemata);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public IntelRdt(
      String closId,
      List<String> schemata,
      String l3CacheSchema,
      String memBwSchema,
      Boolean enableMonitoring) {
    this(closId, schemata, l3CacheSchema, memBwSchema, enableMonitoring, UnknownFields.none());
  }
}
