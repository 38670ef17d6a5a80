package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Mount;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Spec;
import io.capsa.oci.User;
import io.capsa.runtime.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a container's process finds inside, as runc's default config.json describes it: its
 * mounts, masked and read-only paths, read-only root, credentials, capabilities, limits,
 * working directory and environment (root).
 */
class ContainerSetupTest {
  /** CAP_AUDIT_WRITE, CAP_KILL and CAP_NET_BIND_SERVICE: runc spec's capabilities. */
  private static final long RUNC_CAPABILITIES = (1L << 29) | (1L << 5) | (1L << 10);

  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  private String run(String script) throws Exception {
    return run(script, spec -> spec);
  }

  private String run(String script, UnaryOperator<Spec> change) throws Exception {
    Path bundle = TestBundle.create(Files.createTempDirectory(dir, "bundle"),
        List.of("sh", "-c", script), change);
    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "setup", bundle);
    assertEquals(0, outcome.status().code(), outcome.output());
    return outcome.output();
  }

  /** Mount point → "fstype options" of the lines of a mountinfo. */
  private static Map<String, String> mounts(String mountinfo) {
    Map<String, String> mounts = new HashMap<>();
    for (String line : mountinfo.lines().toList()) {
      String[] halves = line.split(" - ");
      String[] fields = halves[0].split(" ");
      String[] fs = halves[1].split(" ");
      mounts.put(fields[4], fs[0] + " " + fields[5]);
    }
    return mounts;
  }

  @Test
  void mountinfoShowsTheConfiguredMountsWithTheirFlags() throws Exception {
    Map<String, String> mounts = mounts(run("cat /proc/self/mountinfo"));

    for (Mount mount : Spec.example().mounts()) {
      if (!mount.destination().equals("/sys/fs/cgroup")) {
        String found = mounts.get(mount.destination());
        assertTrue(found != null && found.startsWith(mount.type() + " "),
            mount.destination() + " is " + found + " in " + mounts);
      }
    }
    assertTrue(mounts.get("/").startsWith("ext4 ro") || mounts.get("/").contains(" ro,")
        || mounts.get("/").contains(" ro"), "read-only root: " + mounts.get("/"));
    assertTrue(mounts.get("/sys").contains("ro"), mounts.get("/sys"));
    assertTrue(mounts.get("/dev/pts").contains("nosuid") && mounts.get("/dev/pts")
        .contains("noexec"), mounts.get("/dev/pts"));
  }

  @Test
  void theReadOnlyRootRefusesWritesWithErofs() throws Exception {
    assertEquals("touch: /new-file: Read-only file system\n",
        run("touch /new-file 2>&1; true"));
  }

  @Test
  void maskedPathsAreEmptyAndReadOnlyPathsRefuseWrites() throws Exception {
    assertTrue(Files.readString(Path.of("/proc/timer_list")).length() > 0,
        "the host's file has content");
    String output = run("wc -c < /proc/timer_list; ls /sys/firmware | wc -l;"
        + " (echo x > /proc/sys/kernel/domainname) 2>&1; true");

    assertEquals(List.of("0", "0",
            "sh: can't create /proc/sys/kernel/domainname: Read-only file system"),
        output.lines().map(String::trim).toList());
  }

  @Test
  void theCapabilitySetsAreTheConfiguredOnes() throws Exception {
    Map<String, String> status = new HashMap<>();
    for (String line : run("cat /proc/self/status").lines().toList()) {
      String[] field = line.split(":\\s*", 2);
      status.put(field[0], field[1].trim());
    }

    assertEquals(0, Long.parseLong(status.get("CapInh"), 16));
    assertEquals(RUNC_CAPABILITIES, Long.parseLong(status.get("CapPrm"), 16));
    assertEquals(RUNC_CAPABILITIES, Long.parseLong(status.get("CapEff"), 16));
    assertEquals(RUNC_CAPABILITIES, Long.parseLong(status.get("CapBnd"), 16));
    assertEquals("1", status.get("NoNewPrivs"));
  }

  @Test
  void theProcessRunsAsItsUserWithItsGroupsLimitsCwdAndEnvironment() throws Exception {
    String output = run("grep -E '^(Uid|Gid|Groups):' /proc/self/status;"
        + " grep 'open files' /proc/self/limits; pwd; echo \"$GREETING\"",
        spec -> TestBundle.withProcess(spec, process -> process
            .user(new User(1000L, 1001L, null, List.of(10L, 20L), null, null))
            .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", 768, 512)))
            .cwd("/tmp")
            .env(List.of("PATH=/bin", "GREETING=hello from the container"))));

    List<String> lines = output.lines().map(line -> line.trim().replaceAll("\\s+", " "))
        .toList();
    assertEquals(List.of("Uid: 1000 1000 1000 1000", "Gid: 1001 1001 1001 1001",
        "Groups: 10 20", "Max open files 512 768 files", "/tmp", "hello from the container"),
        lines);
  }
}
