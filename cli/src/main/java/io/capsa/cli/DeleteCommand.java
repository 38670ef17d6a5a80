package io.capsa.cli;

import io.capsa.runtime.state.ContainerStateException;
import java.util.List;

/**
 * {@code capsa delete}: removes a created or stopped container, a running one with --force. As
 * with runc, deleting with --force a container that does not exist succeeds.
 */
final class DeleteCommand implements Verb {
  static final Flag FORCE = Flag.bool(
      "forcibly delete the container if it is still running (uses SIGKILL)", "f", "force");

  @Override
  public String name() {
    return "delete";
  }

  @Override
  public String summary() {
    return "delete any resources held by the container";
  }

  @Override
  public List<Flag> flags() {
    return List.of(FORCE);
  }

  @Override
  public int run(Call call) {
    boolean force = call.has(FORCE);
    try {
      call.capsa().runtime().load(call.id()).delete(force);
    } catch (ContainerStateException e) {
      if (!force || !missing(e)) {
        throw e;
      }
    }
    return 0;
  }

  /** The store's "container ID does not exist", the one state error that --force forgives. */
  private static boolean missing(ContainerStateException e) {
    return e.getMessage() != null && e.getMessage().endsWith(" does not exist");
  }
}
