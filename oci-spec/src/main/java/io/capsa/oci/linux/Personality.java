package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The execution domain of the process, set with personality(2). */
public record Personality(
    PersonalityDomain domain, List<String> flags, UnknownFields unknownFields) {
  public Personality {
    flags = Immutable.list(flags);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Personality(PersonalityDomain domain, List<String> flags) {
    this(domain, flags, UnknownFields.none());
  }
}
