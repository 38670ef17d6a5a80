package io.capsa.cli;

import io.capsa.oci.State;
import io.capsa.oci.Status;
import io.capsa.runtime.Container;

/**
 * {@code capsa start}: runs the user process of a created container. With NOTIFY_SOCKET set it
 * then waits, as runc's start does, until the process says READY (passed on with the init's pid
 * as MAINPID) or the init is gone.
 */
final class StartCommand implements Verb {

  @Override
  public String name() {
    return "start";
  }

  @Override
  public String summary() {
    return "executes the user defined process in a created container";
  }

  @Override
  public int run(Call call) {
    Container container = call.capsa().runtime().load(call.id());
    try (NotifyProxy notify = NotifyProxy.connect(System.getenv())) {
      State created = container.state();
      // Like runc, only a created container's socket: start refuses the others in its words.
      if (created.status() == Status.CREATED) {
        notify.bind(container);
      }
      container.start();
      notify.forwardReady(created.pid(), NotifyProxy.whileRunning(container));
    }
    return 0;
  }
}
