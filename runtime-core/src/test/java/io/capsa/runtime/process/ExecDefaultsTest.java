package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capsa.oci.Capabilities;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecDefaultsTest {
  private static final Capabilities KILL_ONLY = new Capabilities(List.of("CAP_KILL"),
      List.of("CAP_KILL"), null, List.of("CAP_KILL"), null);
  private static final ProcessConfig CONTAINER = ProcessConfig.builder()
      .args(List.of("init")).env(List.of("A=1")).cwd("/srv").terminal(true)
      .user(new User(1000, 1000)).capabilities(KILL_ONLY).noNewPrivileges(true)
      .apparmorProfile("container-profile").selinuxLabel("system_u:system_r:container_t:s0")
      .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", 1024L, 1024L))).oomScoreAdj(100).build();

  @Test
  void whatTheExecLeavesOutComesFromTheContainer() {
    ProcessConfig exec = ProcessConfig.builder().args(List.of("sh")).cwd("/").build();

    ProcessConfig merged = ExecDefaults.apply(exec, CONTAINER);

    assertEquals(new User(1000, 1000), merged.user());
    assertEquals(KILL_ONLY, merged.capabilities());
    assertEquals(Boolean.TRUE, merged.noNewPrivileges());
    assertEquals("container-profile", merged.apparmorProfile());
    assertEquals("system_u:system_r:container_t:s0", merged.selinuxLabel());
    assertEquals(CONTAINER.rlimits(), merged.rlimits());
    assertEquals(List.of("sh"), merged.args());
    assertEquals("/", merged.cwd());
    assertNull(merged.env(), "the environment is the exec's own");
    assertNull(merged.terminal(), "so is the terminal");
    assertNull(merged.oomScoreAdj(), "and oom_score_adj");
  }

  @Test
  void whatTheExecGivesIsKept() {
    Capabilities none = new Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());
    ProcessConfig exec = ProcessConfig.builder().args(List.of("sh")).cwd("/")
        .user(new User(0, 0)).capabilities(none).noNewPrivileges(false).apparmorProfile("own")
        .selinuxLabel("own_t").rlimits(List.of(new Rlimit("RLIMIT_CORE", 0L, 0L))).build();

    assertEquals(exec, ExecDefaults.apply(exec, CONTAINER));
  }
}
