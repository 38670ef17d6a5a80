package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.oci.OciJson;
import io.capsa.oci.Root;
import io.capsa.oci.State;
import io.capsa.oci.Status;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The six kinds of hooks of real containers: where each runs, in which order, with which state
 * on stdin, and what a failing one does (root).
 */
class HooksTest {
  @TempDir Path dir;
  private Path stateRoot;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
    stateRoot = runtime.root();
  }

  /**
   * A hook appending "{@code phase} {@code mount namespace} {@code state}" to {@code log}, the
   * state on one line:
   * {@code shell} and {@code log} are paths where the hook runs (the host's, or the
   * container's once pivot_root is done).
   */
  private static Hook logging(String phase, String shell, String log) {
    return new Hook(shell, List.of("sh", "-c", "echo \"" + phase
        + " $(readlink /proc/self/ns/mnt) $(tr -d '\\n')\" >> " + log), null, 10);
  }

  @Test
  void everyHookRunsInItsNamespaceInOrderWithTheStateOnStdin() throws Exception {
    Path bundleDir = dir.resolve("bundle");
    Path hostLog = bundleDir.resolve("rootfs/tmp/hooks.log");
    String host = hostLog.toString();
    Path bundle = TestBundle.create(bundleDir, List.of("sleep", "1000"),
        spec -> spec.toBuilder().root(new Root("rootfs", false)).hooks(Hooks.builder()
            .prestart(List.of(logging("prestart", "/bin/sh", host)))
            .createRuntime(List.of(logging("createRuntime", "/bin/sh", host)))
            .createContainer(List.of(logging("createContainer", "/bin/sh", host)))
            .startContainer(List.of(logging("startContainer", "/bin/sh", "/tmp/hooks.log")))
            .poststart(List.of(logging("poststart", "/bin/sh", host)))
            .poststop(List.of(logging("poststop", "/bin/sh", host)))
            .build()).build());
    String hostMountNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    String containerMountNamespace;
    int pid;

    try (Container container = runtime.create("hooked", bundle)) {
      pid = container.state().pid();
      containerMountNamespace =
          Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/mnt")).toString();
      container.start();
      container.kill(Signal.KILL);
      container.exit().get(30, TimeUnit.SECONDS);
    }

    List<String> phases = new ArrayList<>();
    for (String line : Files.readAllLines(hostLog)) {
      String[] fields = line.split(" ", 3);
      phases.add(fields[0]);
      State state = OciJson.readState(fields[2]);
      assertEquals("hooked", state.id(), line);
      assertEquals(bundleDir.toString(), state.bundle(), line);
      boolean inContainer = fields[0].endsWith("Container");
      assertEquals(inContainer ? containerMountNamespace : hostMountNamespace, fields[1], line);
      Status expected = switch (fields[0]) {
        case "startContainer" -> Status.CREATED;
        case "poststart" -> Status.RUNNING;
        case "poststop" -> Status.STOPPED;
        default -> Status.CREATING;
      };
      assertEquals(expected, state.status(), line);
      assertEquals(fields[0].equals("poststop") ? 0 : pid, state.pid(), line);
    }
    assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer",
        "poststart", "poststop"), phases);
    assertNotEquals(hostMountNamespace, containerMountNamespace);
  }

  @Test
  void aFailingStartContainerHookFailsStartAndDestroysTheContainer() throws Exception {
    Path marker = dir.resolve("poststop-ran");
    Path bundle = TestBundle.create(dir.resolve("bundle"), List.of("sleep", "1000"),
        spec -> spec.toBuilder().hooks(Hooks.builder()
            .startContainer(List.of(new Hook("/bin/sh",
                List.of("sh", "-c", "echo no >&2; exit 9"), null, null)))
            .poststop(List.of(new Hook("/bin/touch", List.of("touch", marker.toString()),
                null, null)))
            .build()).build());
    HostTraces before = HostTraces.of(stateRoot);
    Container container = runtime.create("start-fails", bundle);

    ContainerException failure = assertThrows(ContainerException.class, container::start);

    assertTrue(failure.getMessage().startsWith("starting container start-fails: startContainer"
        + " hook 0 (/bin/sh) (op "), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("exited with status 9"), failure.getMessage());
    assertTrue(Files.exists(marker), "poststop hooks ran");
    assertEquals(before, HostTraces.of(stateRoot));
    container.close();
  }

  @Test
  void aContainerCanBeKilledWhileStartWaitsForItsStartContainerHooks() throws Exception {
    Path bundle = TestBundle.create(dir.resolve("bundle"), List.of("true"),
        spec -> spec.toBuilder().hooks(Hooks.builder().startContainer(List.of(
            new Hook("/bin/sleep", List.of("sleep", "30"), null, null))).build()).build());
    try (Container container = runtime.create("slow-start", bundle)) {
      long begin = System.nanoTime();
      CompletableFuture<Void> starting = CompletableFuture.runAsync(container::start);
      while (container.state().status() != Status.RUNNING) {
        Thread.sleep(10);
      }

      container.kill(Signal.KILL);

      assertEquals(137, container.exit().get(30, TimeUnit.SECONDS).code());
      starting.get(30, TimeUnit.SECONDS);
      assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(20),
          "start did not sit out the hook");
    }
  }

  @Test
  void aFailingPoststartHookStopsAndDestroysTheContainer() throws Exception {
    Path bundle = TestBundle.create(dir.resolve("bundle"), List.of("sleep", "1000"),
        spec -> spec.toBuilder().hooks(Hooks.builder()
            .poststart(List.of(new Hook("/bin/false"))).build()).build());
    HostTraces before = HostTraces.of(stateRoot);
    Container container = runtime.create("poststart-fails", bundle);

    ContainerException failure = assertThrows(ContainerException.class, container::start);

    assertEquals("starting container poststart-fails: poststart hook 0 (/bin/false) exited"
        + " with 1", failure.getMessage());
    assertEquals(137, container.exit().get(30, TimeUnit.SECONDS).code());
    assertEquals(before, HostTraces.of(stateRoot));
  }

  @Test
  void aFailingPoststopHookIsOnlyAWarning() throws Exception {
    Path marker = dir.resolve("second-poststop");
    Path bundle = TestBundle.create(dir.resolve("bundle"), List.of("true"),
        spec -> spec.toBuilder().hooks(Hooks.builder().poststop(List.of(
            new Hook("/bin/false"),
            new Hook("/bin/touch", List.of("touch", marker.toString()), null, null)))
            .build()).build());

    assertEquals(0, ContainerRuns.run(runtime, "poststop-fails", bundle).status().code());

    assertTrue(Files.exists(marker), "the next poststop hook ran");
    assertEquals(List.of(), runtime.list());
  }
}
