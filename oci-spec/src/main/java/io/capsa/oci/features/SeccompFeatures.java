package io.capsa.oci.features;

import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompArch;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.oci.linux.SeccompOperator;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * Which seccomp features a runtime supports.
 *
 * @param supportedFlags the known flags this kernel and libseccomp support
 */
public record SeccompFeatures(
    Boolean enabled,
    List<SeccompAction> actions,
    List<SeccompOperator> operators,
    List<SeccompArch> archs,
    List<SeccompFlag> knownFlags,
    List<SeccompFlag> supportedFlags,
    UnknownFields unknownFields) {
  public SeccompFeatures {
    actions = Immutable.list(actions);
    operators = Immutable.list(operators);
    archs = Immutable.list(archs);
    knownFlags = Immutable.list(knownFlags);
    supportedFlags = Immutable.list(supportedFlags);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public SeccompFeatures(
      Boolean enabled,
      List<SeccompAction> actions,
      List<SeccompOperator> operators,
      List<SeccompArch> archs,
      List<SeccompFlag> knownFlags,
      List<SeccompFlag> supportedFlags) {
    this(enabled, actions, operators, archs, knownFlags, supportedFlags, UnknownFields.none());
  }
}
