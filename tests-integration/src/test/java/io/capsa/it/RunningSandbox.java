package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code capsa sandbox} running in the background under a test's state root, found through
 * {@code capsa list} once its command runs, so that a test can signal capsa and then check that
 * the container's state, bundle, mounts and processes are all gone.
 */
final class RunningSandbox implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 60;

  private final CapsaCli cli;
  private final Process capsa;
  private final Path output;
  private final String id;
  private final Path bundle;
  private final long initPid;

  private RunningSandbox(CapsaCli cli, Process capsa, Path output, JsonNode state) {
    this.cli = cli;
    this.capsa = capsa;
    this.output = output;
    this.id = state.get("id").asText();
    this.bundle = Path.of(state.get("bundle").asText());
    this.initPid = state.get("pid").asLong();
  }

  /**
   * Starts {@code capsa --root ROOT sandbox ARGS...} with every signal at its default action (a
   * test run in the background may have SIGINT ignored, which a child inherits) and waits until
   * its container runs.
   */
  static RunningSandbox start(CapsaCli cli, Path dir, String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("env", "--default-signal",
        CapsaProcess.launcher().toString(), "--root", cli.root().toString(), "sandbox"));
    line.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "sandbox", ".out");
    Process capsa = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    capsa.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (JsonNode state : new ObjectMapper().readTree(list(cli))) {
        if ("running".equals(state.get("status").asText())) {
          return new RunningSandbox(cli, capsa, output, state);
        }
      }
      if (!capsa.isAlive()) {
        throw new AssertionError("capsa sandbox ended before its container ran: "
            + Files.readString(output));
      }
      Thread.sleep(50);
    }
    capsa.destroyForcibly();
    throw new AssertionError("no running sandbox after " + TIMEOUT_SECONDS + " s: "
        + Files.readString(output));
  }

  private static String list(CapsaCli cli) throws Exception {
    CapsaProcess.Result list = cli.capsa("list", "--format", "json");
    assertEquals(0, list.exitCode(), list.stderr());
    return list.stdout().isBlank() ? "[]" : list.stdout();
  }

  /** Sends signal {@code name} (INT, TERM, ...) to the capsa JVM, as a shell or terminal would. */
  void signalCapsa(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(capsa.pid()))
        .inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  boolean running() {
    return capsa.isAlive();
  }

  /** What capsa and the command printed, stdout and stderr together. */
  String output() throws IOException {
    return Files.readString(output);
  }

  int exitCode() throws Exception {
    if (!capsa.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("capsa sandbox still runs after " + TIMEOUT_SECONDS + " s");
    }
    return capsa.exitValue();
  }

  /** No state directory, bundle, mount below the bundle, cgroup or init process remains. */
  void assertNothingLeft() throws Exception {
    try (Stream<Path> cgroups = Files.find(Path.of("/sys/fs/cgroup"), 6,
        (path, attributes) -> attributes.isDirectory() && path.getFileName().toString().equals(id))) {
      assertEquals(List.of(), cgroups.toList(), "cgroups of " + id);
    }
    assertFalse(Files.exists(cli.root().resolve(id)), "state directory of " + id);
    assertFalse(Files.exists(bundle), "bundle " + bundle);
    assertTrue(Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .noneMatch(line -> line.contains(bundle.toString())), "a mount below " + bundle);
    assertTrue(ProcessHandle.of(initPid).isEmpty(), "the container's init " + initPid);
    assertTrue(bundle.getFileName().toString().startsWith("capsa-sandbox-"), bundle.toString());
    assertTrue(id.matches("sandbox-[0-9a-f]{16}"), id);
  }

  /** After a failed test: whatever capsa could not remove, killed as it was. */
  @Override
  public void close() throws Exception {
    if (capsa.isAlive()) {
      capsa.destroyForcibly();
      capsa.waitFor();
      cli.capsa("delete", "--force", id);
    }
    if (Files.exists(bundle)) {
      try (Stream<Path> paths = Files.walk(bundle)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
  }
}
