package io.capsa.oci.freebsd;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * What processes in the jail may do.
 *
 * @param mount filesystem types the jail may mount
 */
public record JailAllow(
    Boolean setHostname,
    Boolean rawSockets,
    Boolean chflags,
    List<String> mount,
    Boolean quotas,
    Boolean socketAf,
    Boolean mlock,
    Boolean reservedPorts,
    Boolean suser,
    UnknownFields unknownFields) {
  public JailAllow {
    mount = Immutable.list(mount);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public JailAllow(
      Boolean setHostname,
      Boolean rawSockets,
      Boolean chflags,
      List<String> mount,
      Boolean quotas,
      Boolean socketAf,
      Boolean mlock,
      Boolean reservedPorts,
      Boolean suser) {
    this(
        setHostname,
        rawSockets,
        chflags,
        mount,
        quotas,
        socketAf,
        mlock,
        reservedPorts,
        suser,
        UnknownFields.none());
  }
}
