package io.capsa.runtime.state;

/**
 * A container is missing, taken or in the wrong state for an operation. Messages keep runc's
 * wording ("does not exist", "container with id exists", "container not running") because
 * callers such as containerd's shim match on it.
 */
public class ContainerStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContainerStateException(String message) {
    super(message);
  }
}
