package io.capsa.runtime.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.oci.Problem;
import io.capsa.oci.Status;
import io.capsa.runtime.config.ConfigProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerHooksTest {
  @Test
  void hooksAreSortedByPhaseAndTheirPathsMustBeAbsolute() {
    ConfigProblems problems = new ConfigProblems();
    Hooks hooks = Hooks.builder()
        .prestart(List.of(new Hook("/ok")))
        .poststop(List.of(new Hook("/ok"), new Hook("bin/relative", null, null, 0)))
        .build();

    ContainerHooks converted = ContainerHooks.from(hooks, problems);

    assertEquals(List.of(
            new Problem("$.hooks.poststop[1].path", "must be an absolute path, was"
                + " \"bin/relative\""),
            new Problem("$.hooks.poststop[1].timeout", "must be at least 1 second, was 0")),
        problems.list());
    assertTrue(converted.has(HookPhase.PRESTART));
    assertEquals(2, converted.of(HookPhase.POSTSTOP).size());
    assertEquals(List.of(), converted.of(HookPhase.CREATE_RUNTIME));
  }

  @Test
  void argsIncludeArgv0AndDefaultToThePath() {
    assertEquals(List.of("/bin/hook"), ContainerHooks.argv(new Hook("/bin/hook")));
    assertEquals(List.of("custom", "-x"), ContainerHooks.argv(
        new Hook("/bin/hook", List.of("custom", "-x"), null, null)));
  }

  @Test
  void eachPhaseRunsWhereTheSpecSaysWithTheStatusOfItsMoment() {
    assertEquals(List.of(HookPhase.CREATE_CONTAINER, HookPhase.START_CONTAINER),
        List.of(HookPhase.values()).stream()
            .filter(phase -> phase.where() == HookPhase.Where.CONTAINER).toList());
    assertEquals(List.of(Status.CREATING, Status.CREATING, Status.CREATING, Status.CREATED,
            Status.RUNNING, Status.STOPPED),
        List.of(HookPhase.values()).stream().map(HookPhase::status).toList());
  }
}
