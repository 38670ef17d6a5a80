package io.capsa.oci;

import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;

/** The size of the pseudo-terminal, in characters. */
public record ConsoleSize(@Uint64 long height, @Uint64 long width, UnknownFields unknownFields) {
  public ConsoleSize {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public ConsoleSize(long height, long width) {
    this(height, width, UnknownFields.none());
  }
}
