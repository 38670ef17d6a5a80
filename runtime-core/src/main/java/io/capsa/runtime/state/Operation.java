package io.capsa.runtime.state;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle operations and the statuses each is legal in (runtime-spec runtime.md, with runc's
 * choices where the spec leaves room: delete of a created container is allowed because its user
 * process never ran; kill, update and the stats reach created, running and paused containers).
 */
public enum Operation {
  START("start", EnumSet.of(Status.CREATED)),
  KILL("kill", EnumSet.of(Status.CREATED, Status.RUNNING, Status.PAUSED)),
  PAUSE("pause", EnumSet.of(Status.CREATED, Status.RUNNING)),
  RESUME("resume", EnumSet.of(Status.PAUSED)),
  EXEC("exec", EnumSet.of(Status.CREATED, Status.RUNNING)),
  DELETE("delete", EnumSet.of(Status.CREATED, Status.STOPPED)),
  UPDATE("update", EnumSet.of(Status.CREATED, Status.RUNNING, Status.PAUSED)),
  STATS("read the stats of", EnumSet.of(Status.CREATED, Status.RUNNING, Status.PAUSED));

  private final String verb;
  private final Set<Status> legalIn;

  Operation(String verb, Set<Status> legalIn) {
    this.verb = verb;
    this.legalIn = legalIn;
  }

  /**
   * Throws unless this operation is legal for a container in {@code current}. The message names
   * the operation, the current status and what it needs, and keeps runc's phrases ("container not
   * running", "container not paused") for the cases callers match on.
   */
  public void check(ContainerId id, Status current) {
    if (legalIn.contains(current)) {
      return;
    }
    throw new IllegalTransitionException(this, current, message(id, current));
  }

  private String message(ContainerId id, Status current) {
    String needed = String.join(" or ", legalIn.stream().map(Status::ociName).toList());
    String prefix = switch (this) {
      case KILL, PAUSE, EXEC, UPDATE, STATS -> "container not running: ";
      case RESUME -> "container not paused: ";
      case DELETE -> "cannot delete container " + id + " that is not stopped: ";
      case START -> current == Status.STOPPED
          ? "cannot start a container that has stopped: "
          : "cannot start an already " + current.ociName() + " container: ";
    };
    return prefix + "cannot " + verb + " container " + id + " in status " + current.ociName()
        + " (needs " + needed + ")";
  }

  public String verb() {
    return verb;
  }

  /** An operation asked of a container in a status that does not allow it. */
  public static final class IllegalTransitionException extends ContainerStateException {
    private static final long serialVersionUID = 1L;
    private final Operation operation;
    private final Status current;

    IllegalTransitionException(Operation operation, Status current, String message) {
      super(message);
      this.operation = operation;
      this.current = current;
    }

    public Operation operation() {
      return operation;
    }

    public Status current() {
      return current;
    }
  }
}
