package io.capsa.oci;

import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * A resource limit set with setrlimit(2).
 *
 * @param type such as {@code RLIMIT_NOFILE}
 * @param hard the hard limit; -1 is RLIM_INFINITY (see {@link io.capsa.oci.schema.Uint64})
 * @param soft the soft limit
 */
public record Rlimit(
    @Required @Pattern("^RLIMIT_[A-Z]+$") String type,
    @Uint64 long hard,
    @Uint64 long soft,
    UnknownFields unknownFields) {
  public Rlimit {
    Objects.requireNonNull(type, "type");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Rlimit(String type, long hard, long soft) {
    this(type, hard, soft, UnknownFields.none());
  }
}
