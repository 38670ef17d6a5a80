package io.capsa.runtime.hooks;

import io.capsa.init.Arg;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.oci.Hook;
import java.util.List;

/**
 * The ops that run createContainer and startContainer hooks inside the container: one
 * fork-exec-wait per hook, in order, each with the state document the host sent on its stdin
 * and its timeout enforced by capsa-init. The first failing hook fails the program, which is
 * how the host learns which one it was.
 */
public final class ContainerHookSteps {
  private ContainerHookSteps() {}

  /** Emits {@code hooks} of {@code phase}, reading {@code stateLength} bytes at {@code state}. */
  public static void emit(InitProgramBuilder b, HookPhase phase, List<Hook> hooks,
      Arg.BlobRef state, Operand stateLength) {
    if (phase.where() != HookPhase.Where.CONTAINER) {
      throw new IllegalArgumentException(phase.jsonName() + " hooks run on the host");
    }
    for (int i = 0; i < hooks.size(); i++) {
      Hook hook = hooks.get(i);
      b.forkExecWait(hook.path(), ContainerHooks.argv(hook),
              hook.env() == null ? List.of() : hook.env(), state, stateLength,
              hook.timeout() == null ? 0 : hook.timeout())
          .describedAs(phase.jsonName() + " hook " + i + " (" + hook.path() + ")");
    }
  }
}
