package io.capsa.runtime;

/**
 * An operation on a container failed after its configuration was accepted. The message names
 * the operation and the container, then what failed: the init program's op, the system call,
 * its errno and path, or the hook ({@code creating container web: mount proc on /proc (op 31,
 * mount): EPERM (Operation not permitted)}); the cause is the original exception, and cleanup
 * failures are attached as suppressed exceptions.
 */
public class ContainerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String containerId;

  /** @param operation the verb in its -ing form, e.g. "creating", "starting" */
  public ContainerException(String operation, String containerId, Throwable cause) {
    super(operation + " container " + containerId + ": " + cause.getMessage(), cause);
    this.operation = operation;
    this.containerId = containerId;
  }

  public String operation() {
    return operation;
  }

  public String containerId() {
    return containerId;
  }
}
