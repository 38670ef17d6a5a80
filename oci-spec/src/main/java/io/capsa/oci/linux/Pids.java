package io.capsa.oci.linux;

import io.capsa.oci.schema.UnknownFields;

/**
 * The limit on the number of tasks.
 *
 * @param limit -1 or 0 for no limit
 */
public record Pids(long limit, UnknownFields unknownFields) {
  public Pids {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Pids(long limit) {
    this(limit, UnknownFields.none());
  }
}
