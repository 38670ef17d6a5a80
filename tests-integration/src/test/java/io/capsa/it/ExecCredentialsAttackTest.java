package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Capabilities;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Stdio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exec with the wrong capabilities or user, crun's CVE-2022-27650 (exec gave processes
 * inheritable capabilities, which survive an execve of a file with inheritable file
 * capabilities) and CVE-2026-30892 (exec's -u parsed wrongly): {@code capsa exec} with every
 * form of -u and with --cap, each process reporting its /proc/self/status: the five capability
 * sets, the uid, gid and groups (all four of each id) are exactly what was asked for, inheritable
 * empty unless asked for; a form that is not a user is refused before anything runs (root).
 */
class ExecCredentialsAttackTest {
  /** runc spec's capabilities: CAP_AUDIT_WRITE, CAP_KILL and CAP_NET_BIND_SERVICE. */
  private static final long RUNC_CAPABILITIES = (1L << 29) | (1L << 5) | (1L << 10);
  private static final long CAP_NET_RAW = 1L << 13;
  private static final long CAP_SYS_ADMIN = 1L << 21;
  private static final String REPORT = "grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff|Bnd|Amb)):'"
      + " /proc/self/status";

  @TempDir Path dir;
  private CapsaCli cli;

  @BeforeEach
  void runningContainer() throws Exception {
    Privileges.assumeRoot();
    cli = new CapsaCli(dir);
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"));
    cli.ok("run", "--detach", "--bundle", bundle.toString(), "creds");
  }

  @AfterEach
  void removeContainers() throws Exception {
    if (cli != null) {
      cli.removeAll();
    }
  }

  /** What /proc/self/status says of a process's credentials. */
  record Credentials(String uid, String gid, String groups, long inheritable, long permitted,
      long effective, long bounding, long ambient) {

    static Credentials of(String status) {
      Map<String, String> fields = new HashMap<>();
      for (String line : status.lines().toList()) {
        String[] field = line.split(":", 2);
        fields.put(field[0], field[1].trim().replaceAll("\\s+", " "));
      }
      return new Credentials(fields.get("Uid"), fields.get("Gid"), fields.get("Groups"),
          hex(fields.get("CapInh")), hex(fields.get("CapPrm")), hex(fields.get("CapEff")),
          hex(fields.get("CapBnd")), hex(fields.get("CapAmb")));
    }

    private static long hex(String value) {
      return Long.parseUnsignedLong(value, 16);
    }

    /** Root's sets: {@code caps} permitted, effective and bounding, nothing else. */
    static Credentials root(String uid, String gid, String groups, long caps) {
      return new Credentials(uid, gid, groups, 0, caps, caps, caps, 0);
    }

    /** Another user's sets: the bounding set only (no ambient without inheritable). */
    static Credentials user(String uid, String gid, String groups, long bounding) {
      return new Credentials(uid, gid, groups, 0, 0, 0, bounding, 0);
    }
  }

  private Credentials exec(String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of("exec"));
    command.addAll(List.of(flags));
    command.addAll(List.of("creds", "sh", "-c", REPORT));
    CapsaProcess.Result exec = cli.capsa(command.toArray(String[]::new));
    assertEquals(0, exec.exitCode(), String.join(" ", command) + ": " + exec.stderr());
    return Credentials.of(exec.stdout());
  }

  private static String ids(long id) {
    return (id + " ").repeat(4).trim();
  }

  @Test
  void everyFormOfUserGivesExactlyThoseIds() throws Exception {
    assertEquals(Credentials.root(ids(0), ids(0), "", RUNC_CAPABILITIES), exec(),
        "the container's own user");
    assertEquals(Credentials.root(ids(0), ids(0), "", RUNC_CAPABILITIES), exec("-u", "0"));
    assertEquals(Credentials.root(ids(0), ids(0), "", RUNC_CAPABILITIES), exec("-u", ""));
    assertEquals(Credentials.user(ids(1000), ids(0), "", RUNC_CAPABILITIES),
        exec("-u", "1000"), "uid only: the container's gid");
    assertEquals(Credentials.user(ids(1000), ids(1001), "", RUNC_CAPABILITIES),
        exec("-u", "1000:1001"));
    assertEquals(Credentials.root(ids(0), ids(1001), "", RUNC_CAPABILITIES),
        exec("-u", "0:1001"));
    assertEquals(Credentials.user(ids(2147483648L), ids(4294967294L), "", RUNC_CAPABILITIES),
        exec("-u", "2147483648:4294967294"), "ids above 2^31 are ids, not negative numbers");
    assertEquals(Credentials.user(ids(1000), ids(1000), "5 6", RUNC_CAPABILITIES),
        exec("-u", "1000:1000", "-g", "5", "-g", "6"));
  }

  @Test
  void formsThatAreNoUserAreRefusedBeforeAnythingRuns() throws Exception {
    List<String> forms = List.of("0:0:0", "-1", "-1:-1", "1000:-1", "4294967295",
        "0:4294967295", "root", "nobody:nogroup", ":", "1000:", ":1000", " 1000", "1000abc",
        "0x10", "1e3", "99999999999");
    for (String form : forms) {
      CapsaProcess.Result exec = cli.capsa("exec", "-u", form, "creds", "sh", "-c",
          "echo ran");
      assertEquals(1, exec.exitCode(), "-u '" + form + "': " + exec.stderr());
      assertEquals("", exec.stdout(), "-u '" + form + "' ran a process");
      assertTrue(exec.stderr().contains("level=error"), exec.stderr());
    }
    for (String group : List.of("-1", "4294967295", "wheel")) {
      CapsaProcess.Result exec = cli.capsa("exec", "-u", "1000", "-g", group, "creds", "sh",
          "-c", "echo ran");
      assertEquals(1, exec.exitCode(), "-g '" + group + "': " + exec.stderr());
      assertEquals("", exec.stdout(), "-g '" + group + "' ran a process");
    }
  }

  @Test
  void capAddsToBoundingPermittedAndEffectiveButNeverToInheritable() throws Exception {
    long withAdmin = RUNC_CAPABILITIES | CAP_SYS_ADMIN;
    assertEquals(Credentials.root(ids(0), ids(0), "", withAdmin),
        exec("--cap", "CAP_SYS_ADMIN"));
    assertEquals(Credentials.user(ids(1000), ids(0), "", RUNC_CAPABILITIES | CAP_NET_RAW),
        exec("-u", "1000", "--cap", "CAP_NET_RAW"), "a user gets none raised");
    for (String cap : List.of("CAP_FOO", "sys_admin", "NET_RAW", "ALL")) {
      CapsaProcess.Result exec = cli.capsa("exec", "--cap", cap, "creds", "sh", "-c",
          "echo ran");
      assertEquals(1, exec.exitCode(), "--cap " + cap + ": " + exec.stderr());
      assertEquals("", exec.stdout());
    }
  }

  /** Through the library: inheritable is what the process asks for, and only then. */
  @Test
  void inheritableIsEmptyUnlessTheProcessAsksForIt() throws Exception {
    ContainerRuntime runtime = ContainerRuntime.builder().root(cli.root()).build();
    Container container = runtime.load("creds");
    Capabilities asked = new Capabilities(List.of("CAP_KILL"), List.of("CAP_KILL"),
        List.of("CAP_KILL"), List.of("CAP_KILL"), List.of("CAP_KILL"));
    Path output = dir.resolve("status.out");
    try (ExecProcess exec = container.exec(container.process().toBuilder()
            .args(List.of("sh", "-c", REPORT)).capabilities(asked).build(),
        ExecOptions.builder().stdio(Stdio.files(Path.of("/dev/null"), output, output))
            .build())) {
      assertEquals(ExitStatus.exited(0), exec.exit().get(60, TimeUnit.SECONDS));
    }
    long kill = 1L << 5;
    assertEquals(new Credentials(ids(0), ids(0), "", kill, kill, kill, kill, kill),
        Credentials.of(Files.readString(output)));
  }
}
