package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.Spec;
import io.capsa.oci.linux.MemoryPolicy;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.linux.Personality;
import io.capsa.oci.linux.PersonalityDomain;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Stdio;
import io.capsa.sys.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux.memoryPolicy and linux.personality in real busybox containers (root): the init and every
 * process exec'd into the container get them, as in runc.
 */
class ContainerMemoryPolicyTest {
  /** The first mapping of busybox has no policy of its own, so it shows the process's. */
  private static final String SHOW_POLICY = "head -n 1 /proc/self/numa_maps | cut -d' ' -f2";

  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/node/node0")),
        "needs NUMA node 0 (a kernel with CONFIG_NUMA)");
    runtime = RealContainers.runtime(dir);
  }

  private static Spec withPolicy(Spec spec) {
    return spec.toBuilder().linux(spec.linux().toBuilder()
        .memoryPolicy(new MemoryPolicy(MemoryPolicyMode.MPOL_INTERLEAVE, "0",
            List.of(MemoryPolicyFlag.MPOL_F_RELATIVE_NODES)))
        .personality(new Personality(PersonalityDomain.LINUX32, null))
        .build()).build();
  }

  @Test
  void theInitRunsWithTheMemoryPolicy() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sh", "-c", SHOW_POLICY), ContainerMemoryPolicyTest::withPolicy);

    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "mempolicy", bundle);

    assertEquals(ExitStatus.exited(0), outcome.status(), outcome.output());
    assertEquals("interleave=relative:0\n", outcome.output());
  }

  @Test
  void anExecdProcessGetsTheContainersMemoryPolicyAndPersonality() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"), ContainerMemoryPolicyTest::withPolicy);
    Path output = dir.resolve("exec.out");
    try (Container container = runtime.create("mempolicy-exec", bundle)) {
      container.start();
      try (ExecProcess exec = container.exec(container.process().toBuilder()
              .args(List.of("sh", "-c", SHOW_POLICY + "; uname -m")).build(),
          ExecOptions.builder().stdio(Stdio.files(Path.of("/dev/null"), output, output))
              .build())) {
        assertEquals(ExitStatus.exited(0), exec.exit().get(60, TimeUnit.SECONDS),
            Files.readString(output));
      }
    }

    List<String> lines = Files.readAllLines(output);
    assertEquals("interleave=relative:0", lines.get(0), lines.toString());
    if (Arch.current() == Arch.X86_64) {
      assertEquals("i686", lines.get(1), "PER_LINUX32");
    }
  }
}
