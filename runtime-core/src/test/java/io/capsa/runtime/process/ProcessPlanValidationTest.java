package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Capabilities;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.CpuAffinity;
import io.capsa.oci.IoPriority;
import io.capsa.oci.IoPriorityClass;
import io.capsa.oci.Problem;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Scheduler;
import io.capsa.oci.SchedulerPolicy;
import io.capsa.oci.User;
import io.capsa.oci.linux.Personality;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is wrong with a process config, reported all at once with JSON paths. */
class ProcessPlanValidationTest {
  private static final KernelFeatures NO_LSM = new KernelFeatures(40, false, false);

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    ProcessConfig process = ProcessConfig.builder()
        .args(List.of())
        .env(Arrays.asList("PATH=/bin", "NOVALUE", "=empty"))
        .cwd("relative/dir")
        .user(new User(4294967295L, -1L, null, List.of(10L, 4294967296L), null, null))
        .capabilities(new Capabilities(List.of("CAP_KILL", "CAP_FLY"), List.of("CAP_KILL"),
            null, List.of("CAP_CHOWN"), null))
        .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", 10, 20), new Rlimit("RLIMIT_NOPE", 1, 1),
            new Rlimit("RLIMIT_NOFILE", 30, 30)))
        .oomScoreAdj(1001)
        .ioPriority(new IoPriority(IoPriorityClass.IOPRIO_CLASS_RT, 8))
        .execCpuAffinity(new CpuAffinity("3-1", "x"))
        .apparmorProfile("capsa")
        .selinuxLabel("system_u:system_r:container_t:s0")
        .terminal(true)
        .consoleSize(new ConsoleSize(70000, 80))
        .build();

    List<String> problems = problems(process, "$.process",
        new Personality(null, null));

    assertEquals(List.of(
        "$.process.args: must name the program to run",
        "$.process.env[1]: must be KEY=value, has no '='",
        "$.process.env[2]: has an empty variable name",
        "$.process.cwd: must be an absolute path, was \"relative/dir\"",
        "$.process.user.uid: 4294967295 is (uid_t) -1, which the kernel reads as \"unchanged\"",
        "$.process.user.gid: must be a uint32, was -1",
        "$.process.user.additionalGids[1]: must be a uint32, was 4294967296",
        "$.process.capabilities.bounding[1]: unknown capability \"CAP_FLY\"",
        "$.process.capabilities.effective[0]: CAP_KILL is not in the permitted set; the kernel"
            + " refuses an effective capability that is not permitted",
        "$.process.rlimits[0].soft: soft limit 20 is above the hard limit 10",
        "$.process.rlimits[1].type: unknown resource limit \"RLIMIT_NOPE\"",
        "$.process.rlimits[2].type: RLIMIT_NOFILE is already set at $.process.rlimits[0]",
        "$.process.oomScoreAdj: must be from -1000 to 1000, was 1001",
        "$.process.ioPriority.priority: must be from 0 to 7, was 8",
        "$.process.execCPUAffinity.initial: \"3-1\" is not a CPU list: range 3-1 goes backwards",
        "$.process.execCPUAffinity.final: \"x\" is not a CPU list: \"x\" is not a CPU number or"
            + " range",
        "$.linux.personality.domain: is required",
        "$.process.apparmorProfile: AppArmor profile \"capsa\" requested, but AppArmor is not"
            + " enabled on this host",
        "$.process.selinuxLabel: SELinux label \"system_u:system_r:container_t:s0\" requested,"
            + " but SELinux is not enabled on this host (no /sys/fs/selinux)",
        "$.process.consoleSize.height: must be at most 65535 characters, was 70000"),
        problems);
  }

  @Test
  void theLsmsOfThisHostAreDetected() {
    KernelFeatures kernel = KernelFeatures.detect();
    ConfigProblems problems = new ConfigProblems();

    ProcessPlan.from(ProcessPlanTest.base().apparmorProfile("capsa").selinuxLabel("l").build(),
        "$.process", new ProcessContext(ProcessRole.INIT, false, 0, null, null, kernel), problems);

    List<String> paths = problems.list().stream().map(Problem::jsonPath).toList();
    assertEquals(!kernel.appArmorEnabled(), paths.contains("$.process.apparmorProfile"));
    assertEquals(!kernel.selinuxEnabled(), paths.contains("$.process.selinuxLabel"));
  }

  @Test
  void theLastCapabilityComesFromTheRunningKernel() {
    assertTrue(KernelFeatures.detect().lastCapability() >= Capability.CAP_AUDIT_READ.number());
  }

  @Test
  void schedulerAttributesFollowRuncsRulesAndTheKernelsRanges() {
    assertEquals(List.of("$.process.scheduler.nice: must be from -20 to 19 for SCHED_OTHER,"
            + " was 20",
        "$.process.scheduler.priority: can only be set for SCHED_FIFO or SCHED_RR",
        "$.process.scheduler: runtime, deadline and period can only be set for"
            + " SCHED_DEADLINE"),
        schedulerProblems(new Scheduler(SchedulerPolicy.SCHED_OTHER, 20, 5, null, 1L, null,
            null, null)));
    assertEquals(List.of("$.process.scheduler.priority: must be from 1 to 99 for SCHED_FIFO,"
            + " was 0"),
        schedulerProblems(new Scheduler(SchedulerPolicy.SCHED_FIFO)));
    assertEquals(List.of("$.process.scheduler.policy: SCHED_ISO is not implemented by Linux"),
        schedulerProblems(new Scheduler(SchedulerPolicy.SCHED_ISO)));
    assertEquals(List.of("$.process.scheduler.deadline: SCHED_DEADLINE needs a deadline"),
        schedulerProblems(new Scheduler(SchedulerPolicy.SCHED_DEADLINE)));
    assertEquals(List.of("$.process.scheduler.runtime: runtime 2000000 is above the deadline"
            + " 1000000"),
        schedulerProblems(deadline(2_000_000L, 1_000_000L, 0L)));
    assertEquals(List.of("$.process.scheduler.deadline: deadline 1000000 is above the period"
            + " 500000"),
        schedulerProblems(deadline(10_000L, 1_000_000L, 500_000L)));
    assertEquals(List.of(), schedulerProblems(deadline(10_000L, 1_000_000L, 0L)));
  }

  @Test
  void emptyArgumentsAndNulCharactersAreProblems() {
    ProcessConfig process = ProcessPlanTest.base().args(List.of("", "a\0b"))
        .env(List.of("A=x\0y")).build();

    assertEquals(List.of("$.process.args[0]: the program to run is an empty string",
        "$.process.args[1]: contains a NUL character",
        "$.process.env[0]: contains a NUL character"), problems(process, "$.process", null));
  }

  @Test
  void anExecProcessReportsAtItsOwnPrefix() {
    ProcessConfig process = ProcessPlanTest.base().cwd("tmp").build();

    assertEquals(List.of("$.cwd: must be an absolute path, was \"tmp\""),
        problems(process, "$", null));
  }

  @Test
  void theConsoleSizeIsIgnoredWithoutATerminal() {
    ProcessConfig process = ProcessPlanTest.base().consoleSize(new ConsoleSize(70000, 80))
        .build();

    assertEquals(List.of(), problems(process, "$.process", null));
  }

  @Test
  void aCleanConfigHasNoProblem() {
    List<String> all = List.of("CAP_KILL", "CAP_CHECKPOINT_RESTORE");
    ProcessConfig process = ProcessPlanTest.base()
        .user(new User(1000L, 1000L, 0777L, List.of(4294967294L), null, null))
        .capabilities(new Capabilities(all, all, all, all, all))
        .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", -1, 1024)))
        .oomScoreAdj(-1000)
        .ioPriority(new IoPriority(IoPriorityClass.IOPRIO_CLASS_IDLE, 7))
        .execCpuAffinity(new CpuAffinity(" 0-1, ,3 ", ""))
        .build();

    assertEquals(List.of(), problems(process, "$.process", null));
  }

  private static Scheduler deadline(Long runtime, Long deadline, Long period) {
    return new Scheduler(SchedulerPolicy.SCHED_DEADLINE, null, null, null, runtime, deadline,
        period, null);
  }

  private static List<String> schedulerProblems(Scheduler scheduler) {
    return problems(ProcessPlanTest.base().scheduler(scheduler).build(), "$.process", null);
  }

  private static List<String> problems(ProcessConfig process, String prefix,
      Personality personality) {
    ConfigProblems problems = new ConfigProblems();
    ProcessPlan.from(process, prefix,
        new ProcessContext(ProcessRole.INIT, false, 0, personality, null, NO_LSM), problems);
    List<String> lines = new ArrayList<>();
    problems.list().forEach(problem -> lines.add(problem.toString()));
    return lines;
  }
}
