package io.capsa.runtime;

import io.capsa.sys.ChildStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container's process ended, as runc and a shell report it.
 *
 * @param code the exit code, or 128 + the signal's number when a signal ended the process
 * @param signal the signal that ended the process, if one did
 */
public record ExitStatus(int code, Optional<Signal> signal) {
  public ExitStatus {
    Objects.requireNonNull(signal, "signal");
  }

  public static ExitStatus exited(int code) {
    return new ExitStatus(code, Optional.empty());
  }

  public static ExitStatus killed(Signal signal) {
    return new ExitStatus(128 + signal.number(), Optional.of(signal));
  }

  static ExitStatus of(ChildStatus status) {
    return status.killed() ? killed(new Signal(status.status())) : exited(status.status());
  }

  @Override
  public String toString() {
    return signal.map(s -> "killed by " + s + " (" + code + ")").orElse("exited with " + code);
  }
}
