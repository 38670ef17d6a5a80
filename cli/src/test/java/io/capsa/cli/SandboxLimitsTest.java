package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.capsa.runtime.cgroups.MissingControllersException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's refusal of a sandbox's limits, headed by the options that asked for them. */
class SandboxLimitsTest {
  private static final String REASON = "cgroup controller \"memory\" (needed by"
      + " $.linux.resources.memory.limit) is not available in the cgroup v2 hierarchy at"
      + " /sys/fs/cgroup/unified (available: none); this host mounts cgroups in the hybrid"
      + " v1/v2 layout — run on a pure cgroup v2 host, or ignore resource limits (capsa"
        + " --ignore-resource-limits, ContainerRuntime.Builder.ignoreResourceLimits)";

  @Test
  void oneMissingControllerNamesItsOptionBeforeTheRuntimesReason() {
    MissingControllersException missing =
        new MissingControllersException(REASON, List.of("memory"));

    CliException refusal = new SandboxLimits("256m", "64").refusal(missing);

    assertEquals("--memory 256m needs the cgroup v2 controller \"memory\", which this host does"
        + " not offer: " + REASON + "; or run without --memory 256m", refusal.getMessage());
    assertSame(missing, refusal.getCause());
  }

  @Test
  void bothLimitsAreNamedWhenBothControllersAreMissing() {
    CliException refusal = new SandboxLimits("1g", "5").refusal(
        new MissingControllersException("both are missing", List.of("memory", "pids")));

    assertEquals("--memory 1g and --pids 5 need the cgroup v2 controllers \"memory\" and"
        + " \"pids\", which this host does not offer: both are missing; or run without"
        + " --memory 1g and --pids 5", refusal.getMessage());
  }
}
