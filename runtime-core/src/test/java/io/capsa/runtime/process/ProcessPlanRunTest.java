package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.CLONE_NEWNS;
import static io.capsa.sys.ArchConstant.MS_PRIVATE;
import static io.capsa.sys.ArchConstant.MS_REC;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Step;
import io.capsa.oci.Capabilities;
import io.capsa.oci.CpuAffinity;
import io.capsa.oci.IoPriority;
import io.capsa.oci.IoPriorityClass;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Scheduler;
import io.capsa.oci.SchedulerPolicy;
import io.capsa.oci.User;
import io.capsa.oci.linux.MemoryPolicy;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.linux.Personality;
import io.capsa.oci.linux.PersonalityDomain;
import io.capsa.runtime.config.ConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup and exec a plan emits, run for real by capsa-init as root on this machine without
 * namespaces: what the exec'd busybox reports about itself is what the config asked for.
 */
class ProcessPlanRunTest {
  private static final String BUSYBOX = "/usr/bin/busybox";
  private static final List<String> RUNC_DEFAULT_CAPS =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
  private static final String REPORT = String.join("\n",
      "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Cpus_allowed_list):' /proc/self/status",
      "echo \"uid=$(id -u) gid=$(id -g) groups=$(id -G)\"",
      "echo \"nofile=$(ulimit -n)/$(ulimit -Hn)\"",
      "echo \"umask=$(umask)\"",
      "echo \"oom=$(cat /proc/self/oom_score_adj)\"",
      "echo \"cwd=$(pwd)\"",
      "echo \"machine=$(uname -m)\"",
      "echo \"ionice=$(ionice)\"",
      "[ -e /proc/self/fd/5 ] && echo fd5=open",
      "[ -e /proc/self/fd/6 ] || echo fd6=closed",
      "echo \"stat=$(cat /proc/self/stat)\"");

  @TempDir Path temp;

  @BeforeEach
  void needsRootAndBusybox() {
    assumeTrue(CapsaInitRun.canRun(), "capsa-init was not built for this machine");
    assumeTrue(CapsaInitRun.isRoot(), "setting credentials for real needs root");
    assumeTrue(Files.isExecutable(Path.of(BUSYBOX)), "needs busybox (busybox-static)");
  }

  @Test
  void anUnprivilegedUserGetsItsIdsLimitsAndAmbientCapabilities() throws Exception {
    Path cwd = Files.createDirectory(temp.resolve("work"));
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of("busybox", "sh", "-c", REPORT))
        .env(List.of("PATH=/nonexistent:/usr/bin", "HOME=/"))
        .cwd(cwd.toString())
        .user(new User(1000L, 1000L, 027L, List.of(10L, 20L), null, null))
        .capabilities(new Capabilities(RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS,
            List.of("CAP_KILL", "CAP_NET_BIND_SERVICE"), RUNC_DEFAULT_CAPS,
            List.of("CAP_KILL", "CAP_NET_BIND_SERVICE")))
        .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", 2048, 1024)))
        .oomScoreAdj(500)
        .noNewPrivileges(true)
        .scheduler(new Scheduler(SchedulerPolicy.SCHED_BATCH, 5, null, null, null, null, null,
            null))
        .ioPriority(new IoPriority(IoPriorityClass.IOPRIO_CLASS_BE, 6))
        .execCpuAffinity(new CpuAffinity(null, "0"))
        .build();
    ProcessContext context = new ProcessContext(ProcessRole.EXEC, false, 3,
        new Personality(PersonalityDomain.LINUX32, null), null, KernelFeatures.detect());

    CapsaInitRun.Result result = run(process, context, List.of(5, 6));

    Map<String, String> report = report(result);
    // Permitted and effective are raised from the ambient set when the user execs.
    assertCapabilities(report, 0x420, 0x420, 0x420, 0x20000420, 0x420);
    assertEquals("1", report.get("NoNewPrivs"));
    assertEquals("0", report.get("Cpus_allowed_list"));
    assertEquals("uid=1000 gid=1000 groups=1000 10 20", report.get("uid"));
    assertEquals("nofile=1024/2048", report.get("nofile"));
    assertEquals("umask=0027", report.get("umask"));
    assertEquals("oom=500", report.get("oom"));
    assertEquals("cwd=" + cwd, report.get("cwd"));
    assertEquals("machine=i686", report.get("machine"), "PER_LINUX32");
    assertEquals("ionice=best-effort: prio 6", report.get("ionice"));
    assertEquals("fd5=open", report.get("fd5"), "fds 3 to 5 are preserved");
    assertEquals("fd6=closed", report.get("fd6"));
    String[] stat = report.get("stat").substring(report.get("stat").lastIndexOf(')') + 2)
        .split(" ");
    assertEquals("5", stat[19 - 3], "nice, field 19 of /proc/PID/stat");
    assertEquals("3", stat[41 - 3], "policy SCHED_BATCH, field 41");
  }

  @Test
  void rootKeepsTheListedCapabilitiesOnly() throws Exception {
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of(BUSYBOX, "sh", "-c", REPORT))
        .cwd("/")
        .capabilities(new Capabilities(RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS, null,
            RUNC_DEFAULT_CAPS, null))
        .build();

    CapsaInitRun.Result result = run(process, initContext(), List.of());

    Map<String, String> report = report(result);
    assertCapabilities(report, 0, 0x20000420, 0x20000420, 0x20000420, 0);
    assertEquals("0", report.get("NoNewPrivs"));
    assertEquals("uid=0 gid=0 groups=0", report.get("uid"), "no supplementary groups left");
    assertEquals("umask=0022", report.get("umask"), "runc's default");
    assertEquals("cwd=/", report.get("cwd"));
  }

  @Test
  void theFirstExecutableRegularFileInPathWins() throws Exception {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notExecutable = Files.createDirectory(temp.resolve("a"));
    Files.writeString(notExecutable.resolve("tool"), "#!" + BUSYBOX + " sh\necho from a\n");
    Path directory = Files.createDirectories(temp.resolve("b/tool"));
    Path executable = Files.createDirectory(temp.resolve("c"));
    Files.writeString(executable.resolve("tool"), "#!" + BUSYBOX + " sh\necho from c\n");
    Files.setPosixFilePermissions(executable.resolve("tool"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of("tool"))
        .env(List.of("PATH=" + temp.resolve("missing") + ":" + notExecutable + ":"
            + directory.getParent() + ":" + executable))
        .cwd("/")
        .user(new User(1000L, 1000L))
        .build();

    CapsaInitRun.Result result = run(process, initContext(), List.of());

    assertEquals("from c\n", result.stdout(), result.toString());
  }

  @Test
  void aMissingExecutableFailsWithRuncsWords() throws Exception {
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of("capsa-no-such-program"))
        .env(List.of("PATH=/nonexistent:/usr/bin"))
        .cwd("/")
        .build();
    InitProgram program = program(process, initContext(), b -> {});

    CapsaInitRun.Result result = CapsaInitRun.run(program, temp, List.of());

    String failure = result.failure().orElseThrow(() -> new AssertionError(result));
    assertTrue(failure.startsWith(
        "exec: \"capsa-no-such-program\": executable file not found in $PATH (op "), failure);
    assertTrue(failure.endsWith("fail): ENOENT (No such file or directory)"), failure);
  }

  @Test
  void theContainersMemoryPolicyIsTheExecdProcesssPolicy() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/node/node0")),
        "needs NUMA node 0 (a kernel with CONFIG_NUMA)");
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of(BUSYBOX, "head", "-n", "1", "/proc/self/numa_maps"))
        .cwd("/")
        .build();
    ProcessContext context = new ProcessContext(ProcessRole.INIT, false, 0, null,
        new MemoryPolicy(MemoryPolicyMode.MPOL_BIND, "0",
            List.of(MemoryPolicyFlag.MPOL_F_STATIC_NODES)), KernelFeatures.detect());

    CapsaInitRun.Result result = run(process, context, List.of());

    // A mapping without a policy of its own shows the task's: mode=flags:nodes.
    assertEquals("bind=static:0", result.stdout().split(" ")[1], result.toString());
  }

  /**
   * CVE-2024-21626: a working directory given as /proc/self/fd/N, N a leaked fd of a directory
   * outside the root, is entered fine by chdir; the getcwd check must refuse it. Reproduced
   * with a chroot in a private mount namespace whose /proc shows the leaked fd.
   */
  @Test
  void aWorkingDirectoryOutsideTheRootIsRefused() throws Exception {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("proc"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    int leakedFd = 10;
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of("/bin/sh"))
        .cwd("/proc/self/fd/" + leakedFd)
        .build();
    InitProgram program = program(process, initContext(), b -> {
      b.unshare(b.constant(CLONE_NEWNS));
      b.mount(null, "/", null, b.flags(MS_REC, MS_PRIVATE), null);
      b.mount("proc", root.resolve("proc").toString(), "proc", 0, null);
      Step directory = b.openat(b.atFdcwd(), outside.toString(), b.flags(O_PATH, O_DIRECTORY),
          0);
      b.dup3(directory, Arg.fd(leakedFd), 0);
      b.chroot(root.toString());
    });

    CapsaInitRun.Result result = CapsaInitRun.run(program, temp, List.of());

    String failure = result.failure().orElseThrow(() -> new AssertionError(result));
    assertTrue(failure.startsWith("the working directory /proc/self/fd/" + leakedFd
        + " is outside the container's root (possible container breakout, CVE-2024-21626)"),
        failure);
  }

  private static ProcessContext initContext() {
    return new ProcessContext(ProcessRole.INIT, false, 0, null, null, KernelFeatures.detect());
  }

  private CapsaInitRun.Result run(ProcessConfig process, ProcessContext context,
      List<Integer> devNullFds) throws Exception {
    CapsaInitRun.Result result =
        CapsaInitRun.run(program(process, context, b -> {}), temp, devNullFds);
    assertEquals(0, result.exitStatus(), result.toString());
    return result;
  }

  /** {@code before} ops (a chroot, say), then the plan's setup and exec. */
  private static InitProgram program(ProcessConfig process, ProcessContext context,
      Consumer<InitProgramBuilder> before) {
    ConfigProblems problems = new ConfigProblems();
    ProcessPlan plan = ProcessPlan.from(process, "$.process", context, problems);
    problems.throwIfAny();
    InitProgramBuilder b = InitProgram.builder();
    Step procfs = b.openat(b.atFdcwd(), "/proc",
        b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0);
    plan.emitOomScoreAdj(b);
    before.accept(b);
    plan.emitInitialCpuAffinity(b);
    plan.emitSetup(b, procfs);
    plan.emitLateSeccomp(b);
    plan.emitExec(b);
    return b.build();
  }

  private static void assertCapabilities(Map<String, String> report, long inheritable,
      long permitted, long effective, long bounding, long ambient) {
    assertEquals(List.of(inheritable, permitted, effective, bounding, ambient),
        Stream.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")
            .map(set -> Long.parseUnsignedLong(report.get(set), 16)).toList(),
        "CapInh, CapPrm, CapEff, CapBnd, CapAmb");
  }

  /** "Name: value" and "name=value" lines by name. */
  private static Map<String, String> report(CapsaInitRun.Result result) {
    Map<String, String> report = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      int colon = line.indexOf(":\t");
      int equals = line.indexOf('=');
      if (colon > 0 && (equals < 0 || colon < equals)) {
        report.put(line.substring(0, colon), line.substring(colon + 2).trim());
      } else if (equals > 0) {
        report.put(line.substring(0, equals), line);
      }
    }
    return report;
  }
}
