package io.capsa.oci.freebsd;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The FreeBSD section of config.json. */
public record FreeBsd(List<Device> devices, Jail jail, UnknownFields unknownFields) {
  public FreeBsd {
    devices = Immutable.list(devices);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public FreeBsd(List<Device> devices, Jail jail) {
    this(devices, jail, UnknownFields.none());
  }
}
