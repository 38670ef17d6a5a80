package io.capsa.oci;

import java.io.Serializable;
import java.util.Objects;

/**
 * One way a document does not fit the spec.
 *
 * @param jsonPath where, such as {@code $.linux.resources.hugepageLimits[0].pageSize}; members
 *     whose names are not identifiers are written {@code $.linux.sysctl['net.ipv4.ip_forward']}
 * @param message what is wrong, such as {@code must match ^[1-9][0-9]*[KMG]B$, was "64kB"}
 */
public record Problem(String jsonPath, String message) implements Serializable {
  public Problem {
    Objects.requireNonNull(jsonPath, "jsonPath");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return jsonPath + ": " + message;
  }
}
