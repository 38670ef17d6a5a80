package io.capsa.runtime.state;

import java.util.Locale;

/** A container's status, with the names the runtime-spec's state document uses. */
public enum Status {
  CREATING,
  CREATED,
  RUNNING,
  PAUSED,
  STOPPED;

  /** The lower-case name used in state.json and by runc ("created", "running", ...). */
  public String ociName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status ofOciName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
