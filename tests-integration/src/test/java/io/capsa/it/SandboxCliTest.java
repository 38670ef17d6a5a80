package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code capsa sandbox} through the real ./capsa (root): the host's programs read-only, a
 * private writable /tmp, volumes, the options, the exit status, and nothing left behind (state,
 * bundle, mounts, processes), also when capsa is interrupted.
 */
class SandboxCliTest extends CliTestSupport {
  @AfterEach
  void nothingLeftUnderTheStateRoot() throws Exception {
    if (cli != null && Files.isDirectory(cli.root())) {
      try (Stream<Path> entries = Files.list(cli.root())) {
        assertEquals(List.of(), entries.toList(), "state directories left under the root");
      }
    }
  }

  private CapsaProcess.Result sandbox(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sandbox"));
    command.addAll(List.of(args));
    return cli.capsa(command.toArray(String[]::new));
  }

  private CapsaProcess.Result script(String script) throws Exception {
    return sandbox("--", "sh", "-c", script);
  }

  @Test
  void readsTheHostsUsrButCannotWriteIt() throws Exception {
    Path marker = Path.of("/usr/capsa-sandbox-test-" + ProcessHandle.current().pid());
    CapsaProcess.Result run = script("cat /usr/lib/os-release && touch " + marker);

    assertEquals(Files.readString(Path.of("/usr/lib/os-release")), run.stdout());
    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("touch: cannot touch '" + marker
        + "': Read-only file system"), run.stderr());
    assertFalse(Files.exists(marker));
  }

  @Test
  void writesItsOwnTmpThatTheHostNeverSees() throws Exception {
    String name = "capsa-sandbox-test-" + ProcessHandle.current().pid();
    CapsaProcess.Result run = script("echo written > /tmp/" + name + " && cat /tmp/" + name
        + " && stat -f -c %T /tmp");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("written\ntmpfs\n", run.stdout());
    assertFalse(Files.exists(Path.of("/tmp", name)));
  }

  @Test
  void seesNoneOfTheHostsDataOrSecrets() throws Exception {
    CapsaProcess.Result run = script("for p in /home /root /var /run /sys /etc/shadow "
        + "/etc/ssl/private; do [ -e $p ] && echo $p; done; exit 0");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void mountsVolumesWritableOrReadOnly() throws Exception {
    Path writable = Files.createDirectory(dir.resolve("writable"));
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.writeString(readOnly.resolve("in"), "input\n");

    CapsaProcess.Result run = sandbox("-v", writable + ":/data", "--volume",
        readOnly + ":/in:ro", "--", "sh", "-c", "cat /in/in > /data/out; touch /in/new");

    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("input\n", Files.readString(writable.resolve("out")));
    assertTrue(run.stderr().contains("touch: cannot touch '/in/new': Read-only file system"),
        run.stderr());
    assertFalse(Files.exists(readOnly.resolve("new")));
  }

  @Test
  void exitsWithTheCommandsStatus() throws Exception {
    assertEquals(42, script("exit 42").exitCode());
    assertEquals(0, sandbox("true").exitCode());
    CapsaProcess.Result killed = sandbox("--reaper", "--", "sh", "-c", "kill -KILL $$");
    assertEquals(128 + 9, killed.exitCode(), killed.stderr());
  }

  @Test
  void theCommandKeepsItsOwnOptionsWithoutADoubleDash() throws Exception {
    CapsaProcess.Result run = sandbox("-w", "/usr", "ls", "-d", "-1", "lib", "bin");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("bin\nlib\n", run.stdout());
  }

  @Test
  void aTerminalOfTheCallersSizeIsRelayedAndTheCallersModeRestored() throws Exception {
    CapsaProcess.Result script = cli.shell("script -qec 'stty rows 30 cols 100; before=$(stty -g);"
        + " \"$CAPSA\" --root \"$ROOT\" sandbox -t -- sh -c \"stty size; tty; exit 5\";"
        + " status=$?; [ \"$(stty -g)\" = \"$before\" ] && echo terminal restored;"
        + " exit $status' /dev/null");

    assertEquals(5, script.exitCode(), script.stdout() + script.stderr());
    assertTrue(script.stdout().contains("30 100"), script.stdout());
    assertTrue(script.stdout().contains("/dev/pts/0"), script.stdout());
    assertTrue(script.stdout().contains("terminal restored"), script.stdout());
  }

  @Test
  void aMissingCommandIsReportedAsRuncReportsIt() throws Exception {
    CapsaProcess.Result run = sandbox("no-such-command-in-the-sandbox");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("executable file not found in $PATH"), run.stderr());
  }

  @Test
  void withoutTheNetworkOnlyLoopbackIsThereAndUp() throws Exception {
    CapsaProcess.Result run = script("ip -o link | cut -d' ' -f2,3");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("lo: <LOOPBACK,UP,LOWER_UP>\n", run.stdout());
  }

  @Test
  void theHostsNetworkOnRequest() throws Exception {
    CapsaProcess.Result run = sandbox("--net", "host", "--", "cat", "/proc/net/dev");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readAllLines(Path.of("/proc/net/dev")).stream()
        .map(line -> line.split(":")[0].strip()).toList(),
        run.stdout().lines().map(line -> line.split(":")[0].strip()).toList());
  }

  @Test
  void hostNameEnvironmentAndWorkingDirectory() throws Exception {
    assertEquals("sandbox\nsandbox\n", script("hostname; cat /etc/hostname").stdout());

    CapsaProcess.Result run = sandbox("--hostname", "box", "-e", "GREETING=hello", "--env",
        "HOME=/home", "-w", "/usr/lib", "--", "sh", "-c",
        "hostname; echo $GREETING $HOME; pwd; echo $PATH");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of("box", "hello /home", "/usr/lib",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), run.stdout().lines()
        .toList());
  }

  @Test
  void aMemoryLimitTheHostCannotApplyIsRefusedNamingTheOption() throws Exception {
    assumeFalse(Files.readString(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"))
        .contains("memory"), "this host's cgroup v2 hierarchy has the memory controller");

    CapsaProcess.Result run = sandbox("--memory", "256m", "--", "true");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("--memory 256m needs the cgroup v2 controller \\\"memory\\\""),
        run.stderr());
    assertTrue(run.stderr().contains("hybrid v1/v2 layout"), run.stderr());

    CapsaProcess.Result ignored = cli.capsa("--ignore-resource-limits", "sandbox", "--memory",
        "256m", "--", "true");
    assertEquals(0, ignored.exitCode(), ignored.stderr());
  }

  /** The runtime refuses the container before making it; the bundle made first is removed. */
  @Test
  void aRefusedLimitLeavesNoBundleStateOrCgroup() throws Exception {
    assumeFalse(Files.readString(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"))
        .contains("pids"), "this host's cgroup v2 hierarchy has the pids controller");
    Path temporary = Files.createDirectory(dir.resolve("tmp"));
    Set<String> cgroupsBefore = TestJvmCgroup.containerCgroups();

    CapsaProcess.Result run = cli.shell("JDK_JAVA_OPTIONS=-Djava.io.tmpdir=" + temporary
        + " \"$CAPSA\" --root \"$ROOT\" sandbox --pids 64 -- true");

    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("--pids 64 needs the cgroup v2 controller \\\"pids\\\""
        + ", which this host does not offer: cgroup controller \\\"pids\\\" (needed by"
        + " $.linux.resources.pids.limit) is not available"), run.stderr());
    try (Stream<Path> bundles = Files.list(temporary)) {
      assertEquals(List.of(), bundles.toList(), "bundles left in java.io.tmpdir");
    }
    assertEquals(cgroupsBefore, TestJvmCgroup.containerCgroups());
  }

  @Test
  void leavesNothingBehindWhenTheCommandEnds() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    try (RunningSandbox sandbox = RunningSandbox.start(cli, dir, "-v", shared + ":/shared", "--",
        "sh", "-c", "while [ ! -e /shared/done ]; do sleep 0.05; done; exit 5")) {
      Files.createFile(shared.resolve("done"));
      assertEquals(5, sandbox.exitCode(), sandbox.output());
      sandbox.assertNothingLeft();
    }
  }

  @Test
  void sigtermReachesTheCommandAndTheSandboxIsStillRemoved() throws Exception {
    try (RunningSandbox sandbox = RunningSandbox.start(cli, dir, "--", "sh", "-c",
        "trap 'exit 7' TERM; while :; do sleep 0.05; done")) {
      sandbox.signalCapsa("TERM");
      assertEquals(7, sandbox.exitCode(), sandbox.output());
      sandbox.assertNothingLeft();
    }
  }

  @Test
  void aSecondSigintKillsACommandThatIgnoresTheFirst() throws Exception {
    try (RunningSandbox sandbox = RunningSandbox.start(cli, dir, "sleep", "1000")) {
      sandbox.signalCapsa("INT");
      Thread.sleep(500);
      assertTrue(sandbox.running(), "sleep as PID 1 has no handler: the kernel drops SIGINT");
      sandbox.signalCapsa("INT");
      assertEquals(128 + 9, sandbox.exitCode(), sandbox.output());
      sandbox.assertNothingLeft();
    }
  }

  @Test
  void theReadmesFirstCommandRunsASandboxedCommand() throws Exception {
    Path repo = CapsaProcess.launcher().getParent();
    List<String> readme = Files.readAllLines(repo.resolve("README.md"));
    int setUp = readme.indexOf("## Set up");
    assumeTrue(setUp >= 0, "the README has no set-up section");
    String first = readme.subList(setUp, readme.size()).stream()
        .dropWhile(line -> !line.equals("```sh")).skip(1).findFirst().orElseThrow();
    assertTrue(first.startsWith("./capsa sandbox "), first);

    CapsaProcess.Result run = CapsaProcess.shell(repo, first);

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith("hello from sandbox\nuid=0(root)"), run.stdout());
  }
}
