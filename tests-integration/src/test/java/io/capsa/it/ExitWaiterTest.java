package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Status;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.Stdio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread that waits for a container's init or an exec'd process starts only when something
 * asks for the exit (or at detach, delete or close), so that a JVM which creates a container and
 * exits, as {@code capsa create} and {@code run --detach} do, leaves no thread blocked in waitid
 * for HotSpot's exit to wait on; whatever ends unwatched is still reaped by this JVM (root).
 */
class ExitWaiterTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  private Path bundle(String... args) throws Exception {
    return TestBundle.create(Files.createTempDirectory(dir, "bundle"), List.of(args));
  }

  private static boolean waiterThreadOf(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals("capsa-exit-" + name) && thread.isAlive());
  }

  /** Whether {@code pid} is still in the process table, as a zombie too. */
  private static boolean inProcessTable(int pid) throws IOException {
    try {
      Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static void awaitReaped(int pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (inProcessTable(pid)) {
      assertTrue(System.nanoTime() < deadline, "pid " + pid + " was not reaped");
      Thread.sleep(20);
    }
  }

  @Test
  void aCreatedOrStartedContainerHasNoWaiterUntilItsExitIsAskedFor() throws Exception {
    try (Container container = runtime.create("unwatched", bundle("sleep", "1000"))) {
      assertFalse(waiterThreadOf("unwatched"), "create started a waiter");
      container.start();
      assertFalse(waiterThreadOf("unwatched"), "start started a waiter");

      container.kill(Signal.KILL);
      assertEquals(137, container.exit().get(30, TimeUnit.SECONDS).code());
    }
  }

  @Test
  void anInitThatEndedUnwatchedIsAZombieStoppedContainerThatDeleteReaps() throws Exception {
    Container container = runtime.create("ended", bundle("true"));
    int pid = container.state().pid();
    container.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (container.state().status() != Status.STOPPED) {
      assertTrue(System.nanoTime() < deadline, "the container did not stop");
      Thread.sleep(20);
    }
    assertTrue(inProcessTable(pid), "nothing reaps the init before delete");

    container.delete();

    awaitReaped(pid);
    assertEquals(ExitStatus.exited(0), container.exit().get(30, TimeUnit.SECONDS));
  }

  @Test
  void aDetachedExecIsReapedWhenItEnds() throws Exception {
    try (Container container = runtime.create("exec-host", bundle("sleep", "1000"))) {
      container.start();
      ExecProcess exec = container.exec(container.process().toBuilder()
          .args(List.of("sh", "-c", "sleep 0.2")).build(),
          ExecOptions.builder().stdio(Stdio.inherit()).build());

      exec.detach();

      awaitReaped(exec.pid());
      assertEquals(ExitStatus.exited(0), exec.exit().get(30, TimeUnit.SECONDS));
    }
  }
}
