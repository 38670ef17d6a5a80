package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.Signal;
import io.capsa.runtime.state.ContainerStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handles of a real busybox container that was deleted meanwhile (root): the one that created it
 * and one another runtime loaded. Every operation says the container does not exist and leaves
 * nothing under the state root: no lock file, no state directory.
 */
class DeletedContainerTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  @Test
  void noOperationOnADeletedContainerLeavesALockFileOrState() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"));
    Container created = runtime.create("gone", bundle);
    created.start();
    Container loaded = ContainerRuntime.builder().root(runtime.root()).build().load("gone");
    created.delete(true);

    Map<String, Consumer<Container>> operations = Map.ofEntries(
        Map.entry("start", Container::start),
        Map.entry("kill", container -> container.kill(Signal.TERM)),
        Map.entry("kill --all", container -> container.kill(Signal.TERM, true)),
        Map.entry("pause", Container::pause),
        Map.entry("resume", Container::resume),
        Map.entry("processes", Container::processes),
        Map.entry("stats", Container::stats),
        Map.entry("update", container -> container.update(
            Resources.builder().pids(new Pids(10)).build())),
        Map.entry("delete", Container::delete),
        Map.entry("delete --force", container -> container.delete(true)),
        Map.entry("state", Container::state),
        Map.entry("exec", container -> container.exec(
            container.process().toBuilder().args(List.of("true")).build(),
            ExecOptions.defaults())));
    for (Container handle : List.of(created, loaded)) {
      operations.forEach((name, operation) -> {
        ContainerStateException refused = assertThrows(ContainerStateException.class,
            () -> operation.accept(handle), name);
        assertEquals("container gone does not exist", refused.getMessage(), name);
        assertEquals(List.of(), rootEntries(), "after " + name);
      });
      handle.close();
      assertEquals(List.of(), rootEntries(), "after close");
    }
  }

  private List<String> rootEntries() {
    try (Stream<Path> entries = Files.list(runtime.root())) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
