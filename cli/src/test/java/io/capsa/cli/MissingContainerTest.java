package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs on a container that does not exist: runc's wording, exit status 1, nothing made. */
class MissingContainerTest {

  @TempDir Path root;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int capsa(String... args) {
    String[] withRoot = new String[args.length + 2];
    withRoot[0] = "--root";
    withRoot[1] = root.toString();
    System.arraycopy(args, 0, withRoot, 2, args.length);
    return Capsa.execute(withRoot, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private void assertDoesNotExist(String... args) {
    assertEquals(1, capsa(args), String.join(" ", args));
    assertTrue(err.toString().contains("level=error msg=\"container nope does not exist\""),
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void state() {
    assertDoesNotExist("state", "nope");
  }

  @Test
  void start() {
    assertDoesNotExist("start", "nope");
  }

  @Test
  void kill() {
    assertDoesNotExist("kill", "nope", "KILL");
  }

  @Test
  void delete() {
    assertDoesNotExist("delete", "nope");
  }

  @Test
  void theCgroupVerbs() {
    for (String[] args : new String[][] {{"pause", "nope"}, {"resume", "nope"}, {"ps", "nope"},
        {"events", "--stats", "nope"}, {"update", "--pids-limit", "10", "nope"},
        {"kill", "--all", "nope", "TERM"}}) {
      assertDoesNotExist(args);
      err.getBuffer().setLength(0);
    }
  }

  @Test
  void forcedDeleteOfAMissingContainerSucceedsAsInRunc() {
    assertEquals(0, capsa("delete", "--force", "nope"), err.toString());
    assertEquals("", err.toString());
  }

  @Test
  void killWithAnUnknownSignalNamesIt() {
    assertEquals(1, capsa("kill", "nope", "FOO"));
    assertTrue(err.toString().contains("msg=\"unknown signal \\\"FOO\\\"\""), err.toString());
  }

  @Test
  void anInvalidIdIsRefused() {
    assertEquals(1, capsa("state", "../escape"));
    assertTrue(err.toString().contains("invalid container id format"), err.toString());
    assertFalse(Files.exists(root.resolveSibling("escape")));
  }

  @Test
  void listOfAnEmptyRootHasOnlyTheHeader() {
    assertEquals(0, capsa("list"), err.toString());
    assertEquals("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n",
        out.toString());
  }

  @Test
  void jsonListOfAnEmptyRootIsNullAsInRunc() {
    assertEquals(0, capsa("list", "--format", "json"), err.toString());
    assertEquals("null\n", out.toString());
  }

  @Test
  void quietListOfAnEmptyRootPrintsNothing() {
    assertEquals(0, capsa("list", "-q"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void systemdCgroupIsRefusedWhereACgroupWouldBeMade() throws Exception {
    Files.writeString(root.resolve("config.json"), "{}");
    assertEquals(1, capsa("--systemd-cgroup", "create", "--bundle", root.toString(), "c"));
    assertTrue(err.toString().contains("--systemd-cgroup is not supported"), err.toString());
  }

  @Test
  void systemdCgroupDoesNotStopOtherVerbs() {
    assertEquals(0, capsa("--systemd-cgroup", "list", "-q"), err.toString());
  }
}
