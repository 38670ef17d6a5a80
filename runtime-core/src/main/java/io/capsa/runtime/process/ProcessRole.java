package io.capsa.runtime.process;

/** Which process of a container a plan is for: its init (create), or one added by exec. */
public enum ProcessRole {
  /** The container's first process, set up by create. */
  INIT,
  /** A process started in a running container ({@code exec}, {@code exec --process}). */
  EXEC
}
