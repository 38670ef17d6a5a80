package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.State;
import io.capsa.oci.Status;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.Stdio;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create, start, state, kill, delete and run of real busybox containers (root). */
class ContainerLifecycleTest {
  @TempDir Path dir;
  private Path stateRoot;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
    stateRoot = runtime.root();
  }

  private Path bundle(String... args) throws Exception {
    return TestBundle.create(Files.createTempDirectory(dir, "bundle"), List.of(args));
  }

  @Test
  void theProcessIsPid1WithTheHostnameAndItsExitCodeComesBack() throws Exception {
    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "exit-code",
        bundle("sh", "-c", "echo pid $$ host $(hostname); exit 3"));

    assertEquals(ExitStatus.exited(3), outcome.status());
    assertEquals("pid 1 host runc\n", outcome.output());
  }

  @Test
  void aProcessKilledBySignalEndsWith128PlusTheSignal() throws Exception {
    try (Container container = runtime.create("killed", bundle("sleep", "1000"))) {
      container.start();
      container.kill(Signal.KILL);
      ExitStatus status = container.exit().get(30, TimeUnit.SECONDS);
      assertEquals(137, status.code());
      assertEquals(Optional.of(Signal.KILL), status.signal());
    }
  }

  @Test
  void theStatusFollowsTheInitFromCreatedToRunningToStopped() throws Exception {
    try (Container container = runtime.create("statuses", bundle("sleep", "1000"))) {
      State created = container.state();
      assertEquals(Status.CREATED, created.status());
      assertTrue(created.pid() > 0);
      assertTrue(Files.exists(Path.of("/proc/" + created.pid())), "the init is there");
      assertEquals(dir.toString(), Path.of(created.bundle()).getParent().toString());

      container.start();
      assertEquals(Status.RUNNING, container.state().status());
      assertEquals(created.pid(), container.state().pid());
      assertThrows(ContainerStateException.class, container::start,
          "a started container cannot start again");

      container.kill(Signal.KILL);
      container.exit().get(30, TimeUnit.SECONDS);
      State stopped = container.state();
      assertEquals(Status.STOPPED, stopped.status());
      assertEquals(0, stopped.pid());
      assertThrows(ContainerStateException.class, () -> container.kill(Signal.TERM));

      container.delete();
      assertFalse(Files.exists(stateRoot.resolve("statuses")));
      assertThrows(ContainerStateException.class, container::state);
    }
  }

  @Test
  void deleteRefusesARunningContainerUnlessForced() throws Exception {
    try (Container container = runtime.create("running", bundle("sleep", "1000"))) {
      container.start();
      ContainerStateException refusal = assertThrows(ContainerStateException.class,
          container::delete);
      assertTrue(refusal.getMessage().contains("running"), refusal.getMessage());

      container.delete(true);

      assertEquals(137, container.exit().get(30, TimeUnit.SECONDS).code());
      assertFalse(Files.exists(stateRoot.resolve("running")));
    }
  }

  @Test
  void deletingACreatedContainerKillsItsWaitingInit() throws Exception {
    Container container = runtime.create("never-started", bundle("sleep", "1000"));
    int pid = container.state().pid();

    container.delete();

    assertFalse(Files.exists(Path.of("/proc/" + pid)), "the init is gone");
    assertEquals(HostTraces.of(stateRoot).stateEntries(), java.util.Set.of());
  }

  @Test
  void killTakesASignalByNameToAHandlerOfPid1() throws Exception {
    Path bundle = bundle("sh", "-c",
        "trap 'exit 7' TERM; echo ready; while true; do sleep 0.1; done");
    try (Container container = runtime.create("trapped", bundle, CreateOptions.builder()
        .stdio(new Stdio(Stdio.Redirect.inherit(), Stdio.Redirect.pipe(),
            Stdio.Redirect.inherit())).build())) {
      container.start();
      BufferedReader stdout = new BufferedReader(
          new InputStreamReader(container.stdout(), StandardCharsets.UTF_8));
      assertEquals("ready", stdout.readLine());

      container.kill(Signal.parse("SIGTERM"));

      assertEquals(ExitStatus.exited(7), container.exit().get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void stdioCanBeJavaStreams() throws Exception {
    try (Container container = runtime.create("cat", bundle("cat"),
        CreateOptions.builder().stdio(Stdio.pipes()).build())) {
      container.start();
      try (OutputStream stdin = container.stdin()) {
        stdin.write("through the container\n".getBytes(StandardCharsets.UTF_8));
      }
      String echoed = new String(container.stdout().readAllBytes(), StandardCharsets.UTF_8);

      assertEquals("through the container\n", echoed);
      assertEquals(ExitStatus.exited(0), container.exit().get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void preservedFdsAppearFrom3AndNoOtherFdReachesTheProcess() throws Exception {
    HostSyscalls host = HostSyscalls.get();
    Path out = dir.resolve("fds.out");
    try (Pipe first = host.pipe2(0); Pipe second = host.pipe2(0)) {
      try (Container container = runtime.create("preserved", bundle("sh", "-c",
              "echo one >&3; echo two >&4; exec ls -l /proc/self/fd"),
          CreateOptions.builder()
              .stdio(Stdio.files(Path.of("/dev/null"), out, out))
              .preservedFds(List.of(first.writeEnd(), second.writeEnd())).build())) {
        first.writeEnd().close();
        second.writeEnd().close();
        container.start();
        assertEquals(ExitStatus.exited(0), container.exit().get(30, TimeUnit.SECONDS));
      }
      assertEquals("one\n", read(host, first));
      assertEquals("two\n", read(host, second));
    }
    List<String> fds = Files.readAllLines(out).stream()
        .filter(line -> line.contains(" -> ") && !line.endsWith("/fd"))
        .map(line -> line.replaceAll(".* ([0-9]+) -> .*", "$1")).toList();
    assertEquals(List.of("0", "1", "2", "3", "4"), fds, "ls's own directory fd aside");
  }

  private static String read(HostSyscalls host, Pipe pipe) {
    byte[] buffer = new byte[64];
    int n = host.readFully(pipe.readEnd(), buffer);
    return new String(buffer, 0, n, StandardCharsets.UTF_8);
  }

  @Test
  void anotherRuntimeOnTheSameRootFindsTheContainer() throws Exception {
    try (Container container = runtime.create("shared", bundle("sleep", "1000"))) {
      ContainerRuntime other = ContainerRuntime.builder().root(stateRoot).build();
      Container loaded = other.load("shared");

      assertEquals(container.state(), loaded.state());
      assertEquals(List.of("shared"), other.list().stream().map(State::id).toList());
      assertThrows(ContainerStateException.class, loaded::exit,
          "only the creator knows the exit status");

      loaded.start();
      assertEquals(Status.RUNNING, container.state().status());
      loaded.kill(Signal.KILL);
      assertEquals(137, container.exit().get(30, TimeUnit.SECONDS).code());
    }
    assertThrows(ContainerStateException.class, () -> runtime.load("shared"));
  }

  @Test
  void closeKillsAndDeletes() throws Exception {
    HostTraces before = HostTraces.of(stateRoot);
    Container container = runtime.create("closed", bundle("sleep", "1000"));
    container.start();
    int pid = container.state().pid();

    container.close();

    assertFalse(Files.exists(Path.of("/proc/" + pid)));
    assertEquals(before, HostTraces.of(stateRoot));
  }

  @Test
  void runCreatesStartsWaitsAndDeletes() throws Exception {
    Path out = dir.resolve("run.out");
    ExitStatus status = runtime.run("run", bundle("sh", "-c", "echo ran; exit 4"),
        CreateOptions.builder().stdio(Stdio.files(Path.of("/dev/null"), out, out)).build());

    assertEquals(ExitStatus.exited(4), status);
    assertEquals("ran\n", Files.readString(out));
    assertEquals(List.of(), runtime.list());
  }

  @Test
  void containersAreCreatedConcurrentlyFromManyThreads() throws Exception {
    Path bundle = bundle("sh", "-c", "exit $(hostname | wc -c)");
    List<java.util.concurrent.Callable<ExitStatus>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "parallel-" + i;
      runs.add(() -> ContainerRuns.run(runtime, id, bundle).status());
    }
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (java.util.concurrent.Future<ExitStatus> run : threads.invokeAll(runs)) {
        assertEquals(ExitStatus.exited(5), run.get(), "\"runc\\n\" is 5 bytes");
      }
    } finally {
      threads.shutdown();
    }
    assertEquals(List.of(), runtime.list());
  }

  @Test
  void theReaperReapsOrphansAndPassesTheExitStatusThrough() throws Exception {
    String script = "sh -c 'sleep 0.2 &'; sleep 1;"
        + " echo pid1 $(tr '\\0' ' ' < /proc/1/cmdline | cut -d' ' -f1) me $$;"
        + " echo zombies $(grep -l 'State:.*Z' /proc/[0-9]*/status | wc -l);"
        + " kill -9 $$";
    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "reaped",
        bundle("sh", "-c", script), CreateOptions.builder().reaper(true));

    assertEquals("pid1 capsa-init me 2\nzombies 0\n", outcome.output());
    assertEquals(ExitStatus.exited(137), outcome.status(),
        "the reaper exits with 128 + the signal that killed its child");
  }

  @Test
  void theReaperAnnotationAsksForItToo() throws Exception {
    Path bundle = TestBundle.create(dir.resolve("annotated"),
        List.of("sh", "-c", "echo $$"), spec -> spec.toBuilder()
            .annotations(java.util.Map.of("io.capsa.reaper", "true")).build());

    assertEquals("2\n", ContainerRuns.run(runtime, "annotated", bundle).output());
  }
}
