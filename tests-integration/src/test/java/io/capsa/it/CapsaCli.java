package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ./capsa with a state root of its own under a test's directory, so that tests never meet each
 * other's containers or /run/capsa, and a way to remove whatever a test left there.
 */
final class CapsaCli {
  private final Path directory;
  private final Path root;

  CapsaCli(Path directory) {
    this.directory = directory;
    this.root = directory.resolve("root");
  }

  Path root() {
    return root;
  }

  /** capsa --root ROOT ARGS..., in the test's directory. */
  CapsaProcess.Result capsa(String... args) throws IOException, InterruptedException {
    List<String> withRoot = new ArrayList<>(List.of("--root", root.toString()));
    withRoot.addAll(List.of(args));
    return CapsaProcess.run(directory, withRoot.toArray(String[]::new));
  }

  /** capsa --root ROOT ARGS..., which must succeed. */
  CapsaProcess.Result ok(String... args) throws IOException, InterruptedException {
    CapsaProcess.Result result = capsa(args);
    assertEquals(0, result.exitCode(), "capsa " + String.join(" ", args) + ": " + result.stderr());
    return result;
  }

  /** Whether {@code pid} is a process that has not exited: a zombie waiting for its reaper has. */
  static boolean isAlive(int pid) throws IOException {
    Path stat = Path.of("/proc", Integer.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** A bash script in which "$CAPSA" is the launcher and "$ROOT" this state root. */
  CapsaProcess.Result shell(String script) throws IOException, InterruptedException {
    return CapsaProcess.shell(directory, "ROOT=" + root + "\n" + script);
  }

  /** capsa state ID, which must succeed, as a JSON tree. */
  JsonNode state(String id) throws IOException, InterruptedException {
    CapsaProcess.Result state = capsa("state", id);
    assertEquals(0, state.exitCode(), state.stderr());
    return new ObjectMapper().readTree(state.stdout());
  }

  /** Waits up to 30 s until capsa state says {@code id} is in {@code status}. */
  void awaitStatus(String id, String status) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!state(id).get("status").asText().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " did not become " + status + ": " + state(id));
      }
      Thread.sleep(50);
    }
  }

  /** Deletes with --force every container the root still holds. */
  void removeAll() throws IOException, InterruptedException {
    for (String id : capsa("list", "-q").stdout().lines().toList()) {
      capsa("delete", "--force", id);
    }
  }
}
