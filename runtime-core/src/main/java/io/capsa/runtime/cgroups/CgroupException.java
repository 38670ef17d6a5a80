package io.capsa.runtime.cgroups;

/**
 * A cgroup operation failed or cannot be done here. The message names the operation, the
 * cgroup and, when a system call failed, the call and its errno.
 */
public class CgroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CgroupException(String message) {
    super(message);
  }

  public CgroupException(String message, Throwable cause) {
    super(message, cause);
  }
}
