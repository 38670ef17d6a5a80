package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.runtime.cgroups.CgroupHierarchy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code capsa exec --cgroup} through the real ./capsa (root): the process is born in the
 * existing cgroup below the container's that the flag names, and the forms runc refuses on a
 * cgroup v2 host are refused in its words, before anything runs.
 */
class CliExecCgroupTest extends CliTestSupport {
  /** The container's cgroup as /proc/PID/cgroup's "0::" line names it. */
  private String cgroup;

  @BeforeEach
  void runningContainer() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"));
    CapsaProcess.Result run = cli.capsa("run", "--detach", "--bundle", bundle.toString(), "web");
    assertEquals(0, run.exitCode(), run.stderr());
    int init = cli.state("web").get("pid").asInt();
    cgroup = Files.readAllLines(Path.of("/proc/" + init + "/cgroup")).stream()
        .filter(line -> line.startsWith("0::")).findFirst().orElseThrow().substring(3);
  }

  private CapsaProcess.Result exec(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("exec"));
    command.addAll(List.of(args));
    return cli.capsa(command.toArray(String[]::new));
  }

  /** The "0::" line of /proc/self/cgroup of a process exec'd with {@code flags}. */
  private String cgroupOfExec(String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of(flags));
    args.addAll(List.of("web", "grep", "^0::", "/proc/self/cgroup"));
    CapsaProcess.Result exec = exec(args.toArray(String[]::new));
    assertEquals(0, exec.exitCode(), exec.stderr());
    return exec.stdout().strip();
  }

  @Test
  void theProcessIsBornInTheSubCgroupTheFlagNames() throws Exception {
    Path container = CgroupHierarchy.ofThisProcess().mountPoint().resolve(cgroup.substring(1));
    Files.createDirectories(container.resolve("sub/inner"));

    assertEquals("0::" + cgroup + "/sub", cgroupOfExec("--cgroup", "sub"));
    assertEquals("0::" + cgroup + "/sub/inner", cgroupOfExec("--cgroup=/sub/inner/"));
    assertEquals("0::" + cgroup, cgroupOfExec("--cgroup", "/"));
  }

  @Test
  void pathsOutsideTheContainersCgroupMissingOnesAndControllersAreRefused() throws Exception {
    CapsaProcess.Result escaping = exec("--cgroup", "sub/../..", "web", "echo", "ran");
    assertEquals(1, escaping.exitCode());
    assertTrue(escaping.stderr().contains("bad sub cgroup path: sub/../.."), escaping.stderr());

    CapsaProcess.Result missing = exec("--cgroup", "nope", "web", "echo", "ran");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.stderr().contains("cannot open sub-cgroup nope of cgroup " + cgroup
        + ": openat2 "), missing.stderr());
    assertTrue(missing.stderr().contains("/nope: ENOENT (no such file or directory)"),
        missing.stderr());

    CapsaProcess.Result controller = exec("--cgroup", "memory:sub", "web", "echo", "ran");
    assertEquals(1, controller.exitCode());
    assertTrue(controller.stderr().contains("unknown controller memory"), controller.stderr());

    for (CapsaProcess.Result refused : List.of(escaping, missing, controller)) {
      assertEquals("", refused.stdout());
    }
  }
}
