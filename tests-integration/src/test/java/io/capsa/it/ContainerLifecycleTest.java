package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Stdio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLifecycleTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    Root.assumeRoot();
    BusyboxRootfs.assumeAvailable();
    runtime = ContainerRuntime.builder().root(dir.resolve("state")).build();
  }

  @Test
  void runsAProcessAndPassesItsExitCodeThrough() throws Exception {
    Path bundle = TestBundle.create(dir.resolve("bundle"),
        List.of("sh", "-c", "echo pid $$ host $(hostname); exit 3"));
    Path out = dir.resolve("out");
    try (Container container = runtime.create("smoke", bundle, CreateOptions.builder()
        .stdio(Stdio.files(Path.of("/dev/null"), out, out)).build())) {
      container.start();
      ExitStatus status = container.exit().get(30, TimeUnit.SECONDS);
      assertEquals(3, status.code(), Files.readString(out));
    }
    assertEquals("pid 1 host runc\n", Files.readString(out, StandardCharsets.UTF_8));
  }
}
