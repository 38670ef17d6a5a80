package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import java.util.concurrent.ExecutionException;

/** A created container started and waited for in the foreground, as run and sandbox do it. */
final class ForegroundRun {

  private ForegroundRun() {}

  /**
   * Starts {@code container}, relaying its terminal when there is a {@code relay} (null: none),
   * and returns its exit status (128 + the signal when one ended it).
   */
  static int startAndWait(Container container, TerminalRelay relay) throws InterruptedException {
    if (relay != null) {
      relay.start();
    }
    container.start();
    try {
      int code = container.exit().get().code();
      if (relay != null) {
        relay.drain();
      }
      return code;
    } catch (ExecutionException e) {
      throw new ContainerException("waiting for", container.id(), e.getCause());
    }
  }
}
