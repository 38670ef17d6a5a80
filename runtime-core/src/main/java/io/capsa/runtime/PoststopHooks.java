package io.capsa.runtime;

import io.capsa.oci.Hook;
import io.capsa.runtime.hooks.HookFailedException;
import io.capsa.runtime.hooks.HookPhase;
import io.capsa.runtime.hooks.HostHookRunner;
import io.capsa.runtime.state.ContainerId;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Step 13 of the runtime-spec lifecycle: after the container is destroyed, every poststop hook
 * runs; a failing one is logged as a warning and the others and the lifecycle go on.
 */
final class PoststopHooks {
  private PoststopHooks() {}

  static void run(HostHookRunner runner, List<Hook> hooks, byte[] stoppedState, ContainerId id) {
    for (HookFailedException failure : runner.runAll(HookPhase.POSTSTOP, hooks, stoppedState)) {
      RuntimeContext.LOG.log(Level.WARNING, "container " + id + ": " + failure.getMessage(),
          failure);
    }
  }
}
