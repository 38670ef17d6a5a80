package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The verbs that work on a container's cgroup, through the real ./capsa: pause, resume, ps,
 * events, update and kill --all, the cgroup namespace, and the global --ignore-resource-limits
 * for limits this host's cgroup v2 hierarchy cannot enforce (root).
 */
class CliCgroupTest extends CliTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path bundle(String name, String script) throws Exception {
    return bundle(name, script, spec -> spec);
  }

  private Path bundle(String name, String script, UnaryOperator<Spec> change) throws Exception {
    return TestBundle.create(Files.createDirectory(dir.resolve(name)),
        List.of("sh", "-c", script), change);
  }

  /** capsa run -d: the container's stdout in {@code name}.out, stderr (capsa's too) in .err. */
  private Path runDetached(String name, String script) throws Exception {
    Path out = dir.resolve(name + ".out");
    String command = "\"$CAPSA\" --root \"$ROOT\" run -d -b \"%s\" %s > %s 2> %s";
    CapsaProcess.Result run = cli.shell(
        command.formatted(bundle(name, script), name, out, dir.resolve(name + ".err")));
    assertEquals(0, run.exitCode(), run.stderr());
    return out;
  }

  private static boolean hostLacks(String controller) throws Exception {
    CgroupHierarchy hierarchy = CgroupHierarchy.ofThisProcess();
    return !Files.readString(hierarchy.mountPoint().resolve("cgroup.controllers"))
        .contains(controller);
  }

  @Test
  void pauseAndResumeInRuncsWords() throws Exception {
    runDetached("web", "sleep 1000");

    cli.ok("pause", "web");
    assertEquals("paused", cli.state("web").get("status").asText());
    assertTrue(cli.capsa("list").stdout().contains(" paused "));
    CapsaProcess.Result again = cli.capsa("pause", "web");
    assertEquals(1, again.exitCode());
    assertTrue(again.stderr().contains("container not running"), again.stderr());

    cli.ok("resume", "web");
    assertEquals("running", cli.state("web").get("status").asText());
    CapsaProcess.Result notPaused = cli.capsa("resume", "web");
    assertEquals(1, notPaused.exitCode());
    assertTrue(notPaused.stderr().contains("container not paused"), notPaused.stderr());
  }

  @Test
  void psListsTheContainersProcessesAsJsonOrThroughTheHostsPs() throws Exception {
    runDetached("ps", "sleep 1000 & sleep 1000 & wait");
    int init = cli.state("ps").get("pid").asInt();
    JsonNode pids = JSON.readTree(cli.ok("ps", "--format", "json", "ps").stdout());
    for (int i = 0; i < 100 && pids.size() < 3; i++) {
      Thread.sleep(50);
      pids = JSON.readTree(cli.ok("ps", "--format", "json", "ps").stdout());
    }
    assertEquals(3, pids.size(), pids.toString());
    assertTrue(pids.toString().contains(Integer.toString(init)), pids.toString());

    List<String> table = cli.ok("ps", "ps").stdout().lines().toList();
    assertTrue(table.get(0).matches("UID +PID +PPID .*CMD"), table.get(0));
    assertEquals(4, table.size(), table.toString());

    List<String> chosen = cli.ok("ps", "ps", "-o", "pid,comm").stdout().lines().toList();
    assertEquals("PID COMMAND", chosen.get(0).strip().replaceAll(" +", " "));
    assertEquals(List.of("sh", "sleep", "sleep"), chosen.subList(1, 4).stream()
        .map(line -> line.strip().split(" +")[1]).sorted().toList());
  }

  @Test
  void eventsPrintsTheStatsOnceOrEveryIntervalUntilTheContainerStops() throws Exception {
    runDetached("events", "sleep 1000");

    JsonNode stats = JSON.readTree(cli.ok("events", "--stats", "events").stdout());
    assertEquals("stats", stats.get("type").asText());
    assertEquals("events", stats.get("id").asText());
    assertTrue(stats.get("data").has("cpu"), stats.toString());

    Path lines = dir.resolve("events.json");
    CapsaProcess.Result interval = cli.shell("""
        "$CAPSA" --root "$ROOT" events --interval 100ms events > "%s" & events=$!
        until [ "$(wc -l < "%s")" -ge 3 ]; do sleep 0.05; done
        "$CAPSA" --root "$ROOT" kill events KILL
        wait $events
        """.formatted(lines, lines));
    assertEquals(0, interval.exitCode(), interval.stderr());
    for (String line : Files.readAllLines(lines)) {
      assertEquals("stats", JSON.readTree(line).get("type").asText(), line);
    }
  }

  /** The init (PID 1 of its namespace, no handler) ignores SIGTERM; its children do not. */
  @Test
  void killAllSignalsEveryProcess() throws Exception {
    Path out = runDetached("all", "sleep 1000 & sleep 1000 & wait; echo both gone");
    for (int i = 0; i < 100 && JSON.readTree(cli.ok("ps", "-f", "json", "all").stdout())
        .size() < 3; i++) {
      Thread.sleep(50);
    }

    cli.ok("kill", "--all", "all", "TERM");

    cli.awaitStatus("all", "stopped");
    assertEquals("both gone\n", Files.readString(out));
  }

  @Test
  void aCgroupNamespaceShowsTheContainerAtTheRootAndDeleteRemovesTheCgroup() throws Exception {
    Path bundle = bundle("cgroupns", "cat /proc/self/cgroup", spec -> {
      List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
      namespaces.add(new Namespace(NamespaceType.CGROUP));
      return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(namespaces).build())
          .build();
    });

    CapsaProcess.Result run = cli.capsa("run", "-b", bundle.toString(), "cgroupns");

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().lines().toList().contains("0::/"), run.stdout());
    TestJvmCgroup.defaultCgroupOf("cgroupns")
        .ifPresent(cgroup -> assertFalse(Files.exists(cgroup), cgroup + " is left"));
  }

  @Test
  void memoryLimitsThisHostCannotEnforceFailAtCreateUnlessIgnored() throws Exception {
    assumeTrue(hostLacks("memory"), "this host's cgroup v2 hierarchy has the memory controller");
    Path bundle = bundle("limited", "echo ran", spec -> spec.toBuilder()
        .linux(spec.linux().toBuilder().resources(Resources.builder()
            .memory(Memory.builder().limit(64L << 20).build()).build()).build())
        .build());

    CapsaProcess.Result refused = cli.capsa("run", "-b", bundle.toString(), "limited");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.stderr().contains("(needed by $.linux.resources.memory.limit) is not"
        + " available in the cgroup v2 hierarchy at "), refused.stderr());
    assertTrue(refused.stderr().contains("memory"), refused.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());

    CapsaProcess.Result ignored =
        cli.capsa("--ignore-resource-limits", "run", "-b", bundle.toString(), "limited");
    assertEquals(0, ignored.exitCode(), ignored.stderr());
    assertEquals("ran\n", ignored.stdout());
  }

  @Test
  void updateFromFlagsOrADocumentNamesAMissingControllerUnlessLimitsAreIgnored()
      throws Exception {
    assumeTrue(hostLacks("memory") && hostLacks("pids"),
        "this host's cgroup v2 hierarchy has the memory and pids controllers");
    runDetached("update", "sleep 1000");

    CapsaProcess.Result memory = cli.capsa("update", "--memory", "64m", "update");
    assertEquals(1, memory.exitCode());
    assertTrue(memory.stderr().contains("(needed by $.memory.limit) is not available"),
        memory.stderr());
    cli.ok("--ignore-resource-limits", "update", "--memory", "64m", "--cpu-quota", "5000",
        "update");

    String document = """
        "$CAPSA" --root "$ROOT" %s update -r - update <<'EOF'
        {"pids": {"limit": 10}}
        EOF
        """;
    CapsaProcess.Result pids = cli.shell(document.formatted(""));
    assertEquals(1, pids.exitCode());
    assertTrue(pids.stderr().contains("(needed by $.pids.limit)"), pids.stderr());
    CapsaProcess.Result ignored = cli.shell(document.formatted("--ignore-resource-limits"));
    assertEquals(0, ignored.exitCode(), ignored.stderr());
  }
}
