package io.capsa.runtime.hooks;

/**
 * A hook failed: it could not be started, exited with a non-zero status, was killed by a signal
 * or ran past its timeout. The message names the phase, the hook's position and path, and what
 * it wrote to stdout and stderr.
 */
public final class HookFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HookPhase phase;
  private final int index;

  public HookFailedException(HookPhase phase, int index, String path, String reason,
      Throwable cause) {
    super(phase.jsonName() + " hook " + index + " (" + path + ") " + reason, cause);
    this.phase = phase;
    this.index = index;
  }

  public HookPhase phase() {
    return phase;
  }

  /** The hook's position in its phase's list. */
  public int index() {
    return index;
  }
}
