package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The net_cls class id and net_prio priorities. */
public record Network(
    @JsonName("classID") @Uint32 Long classId,
    List<InterfacePriority> priorities,
    UnknownFields unknownFields) {
  public Network {
    priorities = Immutable.list(priorities);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Network(Long classId, List<InterfacePriority> priorities) {
    this(classId, priorities, UnknownFields.none());
  }
}
