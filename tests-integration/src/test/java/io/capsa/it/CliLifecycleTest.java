package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle verbs through the real ./capsa, as runc's own integration tests drive runc:
 * create, state, list, start, kill, delete, run, with the exit statuses and words runc's
 * callers rely on.
 */
class CliLifecycleTest extends CliTestSupport {
  private Path bundle;

  @BeforeEach
  void bundle() throws Exception {
    bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")), List.of("sleep", "1000"));
  }

  private Path bundleRunning(String... args) throws Exception {
    return TestBundle.create(Files.createDirectories(dir.resolve("bundle-" + args[0])), List.of(args));
  }

  @Test
  void createStateStartKillDelete() throws Exception {
    CapsaProcess.Result create = cli.capsa("create", "--bundle", bundle.toString(), "web");
    assertEquals(0, create.exitCode(), create.stderr());

    JsonNode created = cli.state("web");
    assertEquals("created", created.get("status").asText());
    int pid = created.get("pid").asInt();
    assertTrue(pid > 0 && CapsaCli.isAlive(pid), created.toString());
    assertEquals(bundle.toString(), created.get("bundle").asText());
    assertEquals(bundle.resolve("rootfs").toString(), created.get("rootfs").asText());

    cli.ok("start", "web");
    assertEquals("running", cli.state("web").get("status").asText());

    CapsaProcess.Result kill = cli.capsa("kill", "web", "KILL");
    assertEquals(0, kill.exitCode(), kill.stderr());
    awaitStatus("web", "stopped");
    assertEquals(0, cli.state("web").get("pid").asInt(), "runc reports pid 0 once stopped");

    CapsaProcess.Result delete = cli.capsa("delete", "web");
    assertEquals(0, delete.exitCode(), delete.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
    assertFalse(CapsaCli.isAlive(pid));
  }

  @Test
  void stateHasRuncsMembersInRuncsOrderAndMatchesTheSpecsSchema() throws Exception {
    cli.ok("create", "-b", bundle.toString(), "web");
    CapsaProcess.Result state = cli.capsa("state", "web");
    assertEquals(0, state.exitCode(), state.stderr());
    assertEquals(List.of(), SpecSchemas.violations("state-schema.json", state.stdout()));
    List<String> members = new java.util.ArrayList<>();
    new ObjectMapper().readTree(state.stdout()).fieldNames().forEachRemaining(members::add);
    assertEquals(List.of("ociVersion", "id", "pid", "status", "bundle", "rootfs", "created",
        "owner"), members);
    assertTrue(state.stdout().startsWith("{\n  \"ociVersion\": "), "two-space indent as runc's");
  }

  @Test
  void listShowsEachContainerInTableJsonAndQuietForms() throws Exception {
    cli.ok("create", "-b", bundle.toString(), "one");
    cli.ok("create", "-b", bundle.toString(), "two");
    cli.ok("start", "two");

    List<String> table = cli.capsa("list").stdout().lines().toList();
    assertEquals(3, table.size(), table.toString());
    assertTrue(table.get(0).matches("ID {10}PID {9}STATUS {6}BUNDLE {3,}CREATED {3,}OWNER"), table.get(0));
    assertTrue(table.get(1).matches("one {9}\\d+ +created +" + bundle + " +\\S+Z +root"), table.get(1));
    assertTrue(table.get(2).matches("two {9}\\d+ +running +" + bundle + " +\\S+Z +root"), table.get(2));

    String json = cli.capsa("list", "--format", "json").stdout();
    assertFalse(json.strip().contains("\n"), "one line, as runc prints it");
    JsonNode list = new ObjectMapper().readTree(json);
    assertEquals(2, list.size());
    for (JsonNode state : list) {
      assertEquals(List.of(), SpecSchemas.violations("state-schema.json", state.toString()));
      assertEquals("root", state.get("owner").asText());
    }
    assertEquals("one", list.get(0).get("id").asText());
    assertEquals("running", list.get(1).get("status").asText());

    assertEquals("one\ntwo\n", cli.capsa("list", "-q").stdout());
  }

  @Test
  void runExitsWithTheProcessStatusAndDeletesTheContainer() throws Exception {
    Path exits = bundleRunning("sh", "-c", "echo out; echo err >&2; exit 7");
    CapsaProcess.Result run = cli.capsa("run", "-b", exits.toString(), "exits");
    assertEquals(7, run.exitCode(), run.stderr());
    assertEquals("out\n", run.stdout());
    assertTrue(run.stderr().contains("err\n"), run.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }

  @Test
  void runKilledBySignalExitsWith128PlusItsNumber() throws Exception {
    CapsaProcess.Result run = cli.shell("""
        "$CAPSA" --root "$ROOT" run -b "%s" killed & run=$!
        until "$CAPSA" --root "$ROOT" state killed 2>/dev/null | grep -q '"running"'; do sleep 0.1; done
        "$CAPSA" --root "$ROOT" kill killed KILL
        wait $run
        """.formatted(bundle));
    assertEquals(137, run.exitCode(), run.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }

  @Test
  void runForwardsTheSignalsItGetsToTheContainer() throws Exception {
    Path traps = bundleRunning("sh", "-c",
        "trap 'echo got TERM; exit 3' TERM; echo ready; while true; do sleep 0.1; done");
    CapsaProcess.Result run = cli.shell("""
        "$CAPSA" --root "$ROOT" run -b "%s" traps > out & run=$!
        until grep -q ready out 2>/dev/null; do sleep 0.1; done
        kill -TERM $run
        wait $run; status=$?
        cat out
        exit $status
        """.formatted(traps));
    assertEquals(3, run.exitCode(), run.stderr());
    assertEquals("ready\ngot TERM\n", run.stdout());
  }

  @Test
  void runKeepLeavesTheStoppedContainer() throws Exception {
    Path exits = bundleRunning("true");
    cli.ok("run", "--keep", "-b", exits.toString(), "kept");
    assertEquals("stopped", cli.state("kept").get("status").asText());
    cli.ok("delete", "kept");
  }

  @Test
  void detachedRunWritesThePidFileAndLeavesTheContainerRunning() throws Exception {
    Path pidFile = dir.resolve("init.pid");
    CapsaProcess.Result run = cli.capsa("run", "-d", "--pid-file", pidFile.toString(), "-b",
        bundle.toString(), "detached");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode state = cli.state("detached");
    assertEquals("running", state.get("status").asText());
    assertEquals(Integer.toString(state.get("pid").asInt()), Files.readString(pidFile));
  }

  @Test
  void createWritesThePidFileRelativeToTheWorkingDirectory() throws Exception {
    CapsaProcess.Result create = cli.capsa("create", "--pid-file", "web.pid", "-b",
        bundle.toString(), "web");
    assertEquals(0, create.exitCode(), create.stderr());
    assertEquals(Integer.toString(cli.state("web").get("pid").asInt()),
        Files.readString(dir.resolve("web.pid")));
  }

  @Test
  void theBundleDefaultsToTheWorkingDirectory() throws Exception {
    CapsaProcess.Result create = CapsaProcess.run(bundle, "--root", cli.root().toString(),
        "create", "here");
    assertEquals(0, create.exitCode(), create.stderr());
    assertEquals(bundle.toString(), cli.state("here").get("bundle").asText());
  }

  @Test
  void noPivotRunsTheContainerWithChroot() throws Exception {
    Path lists = bundleRunning("ls", "/");
    CapsaProcess.Result run = cli.capsa("run", "--no-pivot", "-b", lists.toString(), "chrooted");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().lines().toList().contains("bin"), run.stdout());
  }

  @Test
  void noNewKeyringIsAccepted() throws Exception {
    Path exits = bundleRunning("true");
    CapsaProcess.Result run = cli.capsa("run", "--no-new-keyring", "-b", exits.toString(), "k");
    assertEquals(0, run.exitCode(), run.stderr());
  }

  @Test
  void deleteRefusesARunningContainerUnlessForced() throws Exception {
    cli.ok("run", "-d", "-b", bundle.toString(), "busy");
    CapsaProcess.Result refused = cli.capsa("delete", "busy");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.stderr().contains("cannot delete container busy that is not stopped"),
        refused.stderr());
    assertEquals("running", cli.state("busy").get("status").asText());

    CapsaProcess.Result forced = cli.capsa("delete", "-f", "busy");
    assertEquals(0, forced.exitCode(), forced.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }

  @Test
  void deleteOfACreatedContainerNeedsNoForce() throws Exception {
    cli.ok("create", "-b", bundle.toString(), "idle");
    int pid = cli.state("idle").get("pid").asInt();
    cli.ok("delete", "idle");
    assertFalse(CapsaCli.isAlive(pid));
  }

  @Test
  void killOfAStoppedContainerSaysItIsNotRunning() throws Exception {
    cli.ok("run", "--keep", "-b", bundleRunning("true").toString(), "done");
    CapsaProcess.Result kill = cli.capsa("kill", "done");
    assertEquals(1, kill.exitCode());
    assertTrue(kill.stderr().contains("container not running"), kill.stderr());
  }

  @Test
  void killTakesSignalsByNameAndNumberAndTermByDefault() throws Exception {
    Path traps = bundleRunning("sh", "-c",
        "trap 'echo HUP' HUP; trap 'echo TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
    Path out = dir.resolve("out");
    CapsaProcess.Result run = cli.shell("""
        "$CAPSA" --root "$ROOT" run -d -b "%s" traps > "%s"
        until grep -q ready "%s"; do sleep 0.1; done
        "$CAPSA" --root "$ROOT" kill traps 1
        until [ "$(grep -c HUP "%s")" = 1 ]; do sleep 0.1; done
        "$CAPSA" --root "$ROOT" kill traps SIGHUP
        until [ "$(grep -c HUP "%s")" = 2 ]; do sleep 0.1; done
        "$CAPSA" --root "$ROOT" kill traps
        """.formatted(traps, out, out, out, out));
    assertEquals(0, run.exitCode(), run.stderr());
    awaitStatus("traps", "stopped");
    assertEquals("ready\nHUP\nHUP\nTERM\n", Files.readString(out));
  }

  @Test
  void killAllWithSigkillStopsAContainerWithItsOwnPidNamespace() throws Exception {
    cli.ok("run", "-d", "-b", bundle.toString(), "all");
    CapsaProcess.Result kill = cli.capsa("kill", "--all", "all", "KILL");
    assertEquals(0, kill.exitCode(), kill.stderr());
    awaitStatus("all", "stopped");
    CapsaProcess.Result term = cli.capsa("kill", "-a", "all", "TERM");
    assertEquals(1, term.exitCode());
  }

  @Test
  void startTwiceSaysItIsRunningAlready() throws Exception {
    cli.ok("create", "-b", bundle.toString(), "once");
    cli.ok("start", "once");
    CapsaProcess.Result again = cli.capsa("start", "once");
    assertEquals(1, again.exitCode());
    assertTrue(again.stderr().contains("cannot start an already running container"), again.stderr());
  }

  @Test
  void aTakenIdIsRefused() throws Exception {
    cli.ok("create", "-b", bundle.toString(), "taken");
    CapsaProcess.Result again = cli.capsa("create", "-b", bundle.toString(), "taken");
    assertEquals(1, again.exitCode());
    assertTrue(again.stderr().contains("container with id exists: taken"), again.stderr());
  }

  private void awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!cli.state(id).get("status").asText().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " did not become " + status + ": " + cli.state(id));
      }
      Thread.sleep(50);
    }
  }
}
