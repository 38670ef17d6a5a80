package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Op;
import io.capsa.init.OpCode;
import io.capsa.oci.Capabilities;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.CpuAffinity;
import io.capsa.oci.IoPriority;
import io.capsa.oci.IoPriorityClass;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Scheduler;
import io.capsa.oci.SchedulerFlag;
import io.capsa.oci.SchedulerPolicy;
import io.capsa.oci.User;
import io.capsa.oci.linux.Personality;
import io.capsa.oci.linux.PersonalityDomain;
import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ops a process config produces, inspected without running them. */
class ProcessPlanTest {
  private static final KernelFeatures KERNEL = new KernelFeatures(40, false, false);
  private static final Arg.Immediate PROCFS = Arg.fd(9);
  private static final List<String> RUNC_DEFAULT_CAPS =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
  /** Docker's default set, whose mask is the well-known CapEff 00000000a80425fb. */
  private static final List<String> DOCKER_DEFAULT_CAPS = List.of("CAP_CHOWN",
      "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
      "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
      "CAP_KILL", "CAP_AUDIT_WRITE");

  @Test
  void credentialsChangeInTheOrderTheKernelAllows() {
    InitProgram program = program(base()
        .user(new User(1000L, 1000L, null, List.of(10L, 20L), null, null))
        .capabilities(new Capabilities(RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS,
            RUNC_DEFAULT_CAPS, List.of("CAP_KILL")))
        .noNewPrivileges(true));

    List<String> descriptions = descriptions(program);
    assertInOrder(descriptions,
        "change directory to /home",
        "drop CAP_SYS_ADMIN from the bounding set",
        "keep capabilities across setuid",
        "set supplementary groups [10, 20]",
        "set group ids 1000/1000/1000",
        "set user ids 1000/1000/1000",
        "change directory to /home as the process's user",
        "get the working directory to check that it is inside the container",
        "set the effective, permitted and inheritable capabilities",
        "clear the ambient capabilities",
        "raise ambient capability CAP_KILL",
        "set no_new_privs",
        "look for sh at /usr/bin/sh",
        "mark close-on-exec fds 3 to the last");
  }

  @Test
  void everyCapabilityTheKernelHasAndTheBoundingSetLacksIsDropped() {
    InitProgram program = program(base().capabilities(
        new Capabilities(RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS, null, RUNC_DEFAULT_CAPS, null)));

    List<Long> dropped = ops(program, Syscall.PRCTL).stream()
        .filter(op -> op.description().endsWith("from the bounding set"))
        .map(op -> ((Arg.Immediate) op.args().get(1)).value()).toList();
    assertEquals(41 - 3, dropped.size());
    assertFalse(dropped.contains(5L) || dropped.contains(10L) || dropped.contains(29L));
    assertEquals(40L, dropped.get(dropped.size() - 1));
  }

  @Test
  void runcsDefaultCapabilitiesBecomeTheirMasks() {
    InitProgram program = program(base().capabilities(
        new Capabilities(RUNC_DEFAULT_CAPS, RUNC_DEFAULT_CAPS, null, RUNC_DEFAULT_CAPS, null)));

    assertEquals("{effective=0x20000420, permitted=0x20000420, inheritable=0x0}",
        capsetSets(program));
  }

  @Test
  void dockersDefaultCapabilitiesBecomeTheirMasks() {
    InitProgram program = program(base().capabilities(new Capabilities(DOCKER_DEFAULT_CAPS,
        DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS, null)));

    assertEquals("{effective=0xa80425fb, permitted=0xa80425fb, inheritable=0xa80425fb}",
        capsetSets(program));
  }

  @Test
  void capabilitiesAboveTheKernelsLastAreLeftOut() {
    List<String> withNew = List.of("CAP_KILL", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE");
    InitProgram program = program(base().capabilities(
        new Capabilities(withNew, withNew, null, withNew, null)),
        new ProcessContext(ProcessRole.INIT, false, 0, null, null,
            new KernelFeatures(38, false, false)));

    assertEquals("{effective=0x4000000020, permitted=0x4000000020, inheritable=0x0}",
        capsetSets(program));
    assertFalse(descriptions(program).contains("drop CAP_BPF from the bounding set"),
        "a capability the kernel lacks cannot be dropped either");
  }

  @Test
  void ambientCapabilitiesNotPermittedAndInheritableAreNotRaised() {
    InitProgram program = program(base().capabilities(new Capabilities(RUNC_DEFAULT_CAPS,
        RUNC_DEFAULT_CAPS, List.of("CAP_KILL"), RUNC_DEFAULT_CAPS,
        List.of("CAP_KILL", "CAP_NET_BIND_SERVICE"))));

    List<String> raised = descriptions(program).stream()
        .filter(d -> d.startsWith("raise ambient")).toList();
    assertEquals(List.of("raise ambient capability CAP_KILL"), raised);
  }

  @Test
  void withoutCapabilitiesTheSetsAreLeftAlone() {
    List<String> descriptions = descriptions(program(base()));

    assertTrue(descriptions.stream().noneMatch(d -> d.contains("bounding set")));
    assertFalse(descriptions.contains("set the effective, permitted and inheritable capabilities"));
    assertTrue(descriptions.contains("set user ids 0/0/0"));
    assertTrue(descriptions.contains("set supplementary groups []"), "host groups are dropped");
  }

  @Test
  void setgroupsIsSkippedWhenTheUserNamespaceDeniesIt() {
    InitProgram program = program(base(),
        new ProcessContext(ProcessRole.INIT, true, 0, null, null, KERNEL));

    int setgroups = indexOf(program, "set supplementary groups []");
    Op jump = program.op(setgroups - 1);
    assertEquals(OpCode.JUMP, jump.code());
    assertEquals(Condition.EQ, jump.condition());
    assertEquals(Arg.of('d'), jump.args().get(1));
    assertEquals(setgroups + 1, ((Arg.Immediate) jump.args().get(2)).value());
    assertEquals("open /proc/self/setgroups", program.op(setgroups - 5).description());
    assertEquals(PROCFS, program.op(setgroups - 5).args().get(0));
  }

  @Test
  void resourceLimitsAreSetOnTheProcessItself() {
    InitProgram program = program(base().rlimits(List.of(
        new Rlimit("RLIMIT_NOFILE", 4096, 1024), new Rlimit("RLIMIT_CORE", -1, -1))));

    List<Op> limits = ops(program, Syscall.PRLIMIT64);
    assertEquals(List.of("set RLIMIT_NOFILE to 1024/4096", "set RLIMIT_CORE to unlimited/unlimited"),
        limits.stream().map(Op::description).toList());
    assertEquals(Arg.of(0), limits.get(0).args().get(0), "pid 0: this process");
    assertEquals(7L, ((Arg.Immediate) limits.get(0).args().get(1)).value());
  }

  @Test
  void attributesAreSetThroughTheirSyscalls() {
    InitProgram program = program(base()
            .oomScoreAdj(-500)
            .scheduler(new Scheduler(SchedulerPolicy.SCHED_RR, null, 10,
                List.of(SchedulerFlag.SCHED_FLAG_RESET_ON_FORK), null, null, null, null))
            .ioPriority(new IoPriority(IoPriorityClass.IOPRIO_CLASS_BE, 4))
            .user(new User(0L, 0L, 077L, null, null, null))
            .execCpuAffinity(new CpuAffinity("0-3", "1,3")),
        new ProcessContext(ProcessRole.EXEC, false, 0,
            new Personality(PersonalityDomain.LINUX32, null), null, KERNEL));

    String rendered = program.render();
    assertTrue(rendered.startsWith(" 0  openat(AT_FDCWD, \"/proc/self/oom_score_adj\","
        + " O_WRONLY|O_CLOEXEC, 0)"), "first, through the host's /proc\n" + rendered);
    assertTrue(rendered.contains("write($0, \"-500\", 4)"), rendered);
    assertTrue(rendered.contains("{policy=SCHED_RR, flags=1, nice=0, priority=10, runtime=0,"
        + " deadline=0, period=0}"), rendered);
    assertTrue(rendered.contains("ioprio_set(1, 0, 16388)"), "(2 << 13) | 4\n" + rendered);
    assertTrue(rendered.contains("set the CPU affinity to {1, 3}"), rendered);
    assertTrue(rendered.contains("personality(0x8)"), rendered);
    assertTrue(rendered.contains("umask(077)"), rendered);
  }

  @Test
  void theInitialAffinityIsForTheOrchestratorToSetBeforeTheCgroup() {
    ProcessConfig process = base().execCpuAffinity(new CpuAffinity("0-3", null)).build();
    ProcessPlan exec = plan(process,
        new ProcessContext(ProcessRole.EXEC, false, 0, null, null, KERNEL));
    ProcessPlan init = plan(process, context());
    InitProgramBuilder forExec = InitProgram.builder(Arch.X86_64);
    InitProgramBuilder forInit = InitProgram.builder(Arch.X86_64);

    exec.emitInitialCpuAffinity(forExec);
    init.emitInitialCpuAffinity(forInit);

    assertEquals(List.of("set the initial CPU affinity to {0, 1, 2, 3}"),
        descriptions(forExec.build()));
    assertEquals(List.of(), descriptions(forInit.build()), "not applicable to the init");
  }

  @Test
  void theExecutableIsLookedUpInPathInOrder() {
    InitProgram program = program(base().args(List.of("sh", "-c", "true"))
        .env(List.of("PATH=/usr/local/bin:/bin:/usr/local/bin", "TERM=xterm")));

    List<Op> lookups = ops(program, Syscall.STATX);
    assertEquals(List.of("look for sh at /usr/local/bin/sh", "look for sh at /bin/sh"),
        lookups.stream().map(Op::description).toList(), "a repeated directory is tried once");
    assertEquals(List.of(Errno.ENOENT, Errno.EACCES, Errno.ENOTDIR, Errno.ENAMETOOLONG,
        Errno.ELOOP), lookups.get(0).policy().tolerated());
    Op notFound = program.op(indexOf(program,
        "exec: \"sh\": executable file not found in $PATH"));
    assertEquals(OpCode.FAIL, notFound.code());
    assertEquals(Errno.ENOENT.number(Arch.X86_64),
        ((Arg.Immediate) notFound.args().get(0)).value());
    List<Op> stores = program.ops().stream().filter(op -> op.code() == OpCode.STORE).toList();
    assertEquals(List.of("use /usr/local/bin/sh", "use /bin/sh"),
        stores.stream().map(Op::description).toList());
    Op access = ops(program, Syscall.FACCESSAT2).get(0);
    assertTrue(program.render().contains(
        "faccessat2(AT_FDCWD, \"/usr/local/bin/sh\", X_OK, AT_EACCESS)"));
    assertEquals("check that /usr/local/bin/sh is executable", access.description());
  }

  @Test
  void withoutPathRuncsDefaultIsSearched() {
    InitProgram program = program(base().env(List.of("TERM=xterm")));

    assertEquals(List.of("/usr/local/sbin/sh", "/usr/local/bin/sh", "/usr/sbin/sh",
        "/usr/bin/sh", "/sbin/sh", "/bin/sh"), ops(program, Syscall.STATX).stream()
        .map(op -> op.description().substring("look for sh at ".length())).toList());
  }

  @Test
  void theLastPathOfTheEnvironmentIsTheOneSearched() {
    InitProgram program = program(base().env(List.of("PATH=/first", "A=1", "PATH=/second")));

    assertEquals(List.of("look for sh at /second/sh"),
        ops(program, Syscall.STATX).stream().map(Op::description).toList());
    Op execve = ops(program, Syscall.EXECVE).get(0);
    assertEquals("[\"A=1\", \"PATH=/second\"]", ((Arg.BlobRef) execve.args().get(2)).shown());
  }

  @Test
  void anExecutableFoundThroughARelativePathEntryIsRefused() {
    InitProgram program = program(base().env(List.of("PATH=:bin:/bin")));

    List<String> descriptions = descriptions(program);
    assertEquals(List.of("look for sh at sh", "look for sh at bin/sh", "look for sh at /bin/sh"),
        ops(program, Syscall.STATX).stream().map(Op::description).toList());
    assertTrue(descriptions.contains(
        "exec: \"sh\": cannot run executable found relative to current directory"));
  }

  @Test
  void aNameWithASlashIsCheckedAndExecutedAsItIs() {
    InitProgram program = program(base().args(List.of("/bin/busybox", "sh"))
        .env(List.of("PATH=/usr/bin", "HOME=/root")));

    List<Op> status = ops(program, Syscall.STATX);
    assertEquals(1, status.size());
    assertEquals("exec: \"/bin/busybox\": stat /bin/busybox", status.get(0).description());
    assertTrue(status.get(0).policy().tolerated().isEmpty(), "its failure is the create's");
    assertTrue(descriptions(program).contains("exec: \"/bin/busybox\": not a regular file"));
    Op execve = ops(program, Syscall.EXECVE).get(0);
    assertEquals("execute /bin/busybox", execve.description());
    assertEquals("[\"/bin/busybox\", \"sh\"]", ((Arg.BlobRef) execve.args().get(1)).shown());
    assertEquals("[\"PATH=/usr/bin\", \"HOME=/root\"]",
        ((Arg.BlobRef) execve.args().get(2)).shown());
  }

  @Test
  void theExecUsesThePathTheLookupStored() {
    InitProgram program = program(base().args(List.of("sh", "-c", "exit 3"))
        .env(List.of("PATH=/bin")));

    Op store = program.ops().stream().filter(op -> op.code() == OpCode.STORE).findFirst()
        .orElseThrow();
    Op execve = ops(program, Syscall.EXECVE).get(0);
    Op load = program.op(execve.index() - 1);
    assertEquals(OpCode.LOAD, load.code());
    assertEquals(store.args().get(1), load.args().get(0), "the cell the lookup wrote");
    assertEquals(new Arg.SlotRef(load.index()), execve.args().get(0));
    assertEquals("[\"sh\", \"-c\", \"exit 3\"]", ((Arg.BlobRef) execve.args().get(1)).shown());
    assertEquals(execve.index(), program.ops().size() - 1, "the exec is the last op");
  }

  @Test
  void theWorkingDirectoryIsVerifiedToBeInsideTheRoot() {
    InitProgram program = program(base().cwd("/srv/data"));

    int getcwd = indexOf(program,
        "get the working directory to check that it is inside the container");
    Op load = program.op(getcwd + 1);
    Op jump = program.op(getcwd + 2);
    Op fail = program.op(getcwd + 3);
    assertEquals(OpCode.LOAD, load.code());
    assertEquals(1, load.param(), "its first byte");
    assertEquals(program.op(getcwd).args().get(0), load.args().get(0));
    assertEquals(new Arg.SlotRef(load.index()), jump.args().get(0));
    assertEquals(Condition.EQ, jump.condition());
    assertEquals(Arg.of('/'), jump.args().get(1));
    assertEquals(fail.index() + 1, ((Arg.Immediate) jump.args().get(2)).value());
    assertEquals(OpCode.FAIL, fail.code());
    assertEquals("the working directory /srv/data is outside the container's root (possible"
        + " container breakout, CVE-2024-21626)", fail.description());
    Op firstChdir = program.op(indexOf(program, "change directory to /srv/data"));
    assertEquals(List.of(Errno.EPERM, Errno.EACCES), firstChdir.policy().tolerated());
  }

  @Test
  void fdsFromThreePlusThePreservedOnesAreMarkedCloseOnExec() {
    InitProgram program = program(base(),
        new ProcessContext(ProcessRole.INIT, false, 2, null, null, KERNEL));

    Op closeRange = ops(program, Syscall.CLOSE_RANGE).get(0);
    assertEquals(Arg.of(5), closeRange.args().get(0));
    assertEquals(0xffffffffL, ((Arg.Immediate) closeRange.args().get(1)).value());
    assertEquals(4L, ((Arg.Immediate) closeRange.args().get(2)).value(), "CLOSE_RANGE_CLOEXEC");
    assertEquals("mark close-on-exec fds 5 to the last", closeRange.description());
  }

  @Test
  void execLabelsAreWrittenThroughTheRuntimesProcfs() {
    InitProgram program = program(base().apparmorProfile("capsa-default")
            .selinuxLabel("system_u:system_r:container_t:s0"),
        new ProcessContext(ProcessRole.INIT, false, 0, null, null,
            new KernelFeatures(40, true, true)));

    String rendered = program.render();
    assertTrue(rendered.contains(
        "openat(9, \"thread-self/attr/apparmor/exec\", O_WRONLY|O_CLOEXEC, 0)  tolerate ENOENT"),
        rendered);
    assertTrue(rendered.contains("openat(9, \"thread-self/attr/exec\""), rendered);
    assertTrue(rendered.contains("\"exec capsa-default\""), rendered);
    assertTrue(rendered.contains("\"system_u:system_r:container_t:s0\""), rendered);
    assertInOrder(descriptions(program),
        "apply the AppArmor profile capsa-default on exec",
        "set the SELinux exec label system_u:system_r:container_t:s0",
        "keep capabilities across setuid");
  }

  @Test
  void theAccessorsGiveWhatTheOrchestratorNeeds() {
    ProcessPlan plan = plan(base().terminal(true)
        .consoleSize(new ConsoleSize(24, 80)).noNewPrivileges(true)
        .env(List.of("A=1", "A=2")).build(), context());

    assertTrue(plan.terminal());
    assertEquals(80, plan.consoleSize().orElseThrow().width());
    assertTrue(plan.noNewPrivileges());
    assertEquals(List.of("A=2"), plan.environment());
    assertEquals(List.of("sh"), plan.args());
  }

  @Test
  void aPlanWithProblemsRefusesToEmit() {
    ConfigProblems problems = new ConfigProblems();
    ProcessPlan plan = ProcessPlan.from(base().cwd("relative").build(), "$.process", context(),
        problems);

    assertFalse(problems.isEmpty());
    assertThrows(IllegalStateException.class,
        () -> plan.emitSetup(InitProgram.builder(Arch.X86_64), PROCFS));
  }

  @Test
  void theExecNeedsTheSetupOfTheSameProgram() {
    ProcessPlan plan = plan(base().build(), context());
    plan.emitSetup(InitProgram.builder(Arch.X86_64), PROCFS);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> plan.emitExec(InitProgram.builder(Arch.X86_64)));
    assertTrue(e.getMessage().startsWith("emitExec needs emitSetup and emitLateSeccomp on the same"
        + " program"));
  }

  @Test
  void theProgramIsBuiltForEitherArchitecture() {
    ProcessPlan plan = plan(base().build(), context());
    for (Arch arch : Arch.values()) {
      InitProgramBuilder b = InitProgram.builder(arch);
      plan.emitSetup(b, PROCFS);
      plan.emitLateSeccomp(b);
      plan.emitExec(b);
      assertEquals(Syscall.EXECVE, b.build().ops().get(b.build().ops().size() - 1).syscall());
    }
  }

  @Test
  void withNoNewPrivsTheSeccompFilterComesLastBeforeTheExec() {
    List<Syscall> calls = syscalls(program(base().noNewPrivileges(true), seccompContext()));

    assertEquals(List.of(Syscall.SECCOMP, Syscall.EXECVE),
        calls.subList(calls.size() - 2, calls.size()));
  }

  @Test
  void withoutNoNewPrivsTheSeccompFilterComesWhileTheProcessIsStillRoot() {
    List<Syscall> calls = syscalls(program(base().user(new User(1000L, 1000L, null, null, null, null)),
        seccompContext()));

    assertEquals(1, calls.stream().filter(Syscall.SECCOMP::equals).count());
    assertTrue(calls.indexOf(Syscall.SECCOMP) < calls.indexOf(Syscall.SETRESUID), calls.toString());
  }

  private static ProcessContext seccompContext() {
    return new ProcessContext(ProcessRole.INIT, false, 0, null, null, KERNEL,
        Seccomp.builder().defaultAction(SeccompAction.SCMP_ACT_ALLOW).build());
  }

  private static List<Syscall> syscalls(InitProgram program) {
    return program.ops().stream().map(Op::syscall).filter(java.util.Objects::nonNull).toList();
  }

  static ProcessConfig.Builder base() {
    return ProcessConfig.builder().args(List.of("sh")).env(List.of("PATH=/usr/bin:/bin"))
        .cwd("/home");
  }

  static ProcessContext context() {
    return new ProcessContext(ProcessRole.INIT, false, 0, null, null, KERNEL);
  }

  private static ProcessPlan plan(ProcessConfig process, ProcessContext context) {
    ConfigProblems problems = new ConfigProblems();
    ProcessPlan plan = ProcessPlan.from(process, "$.process", context, problems);
    problems.throwIfAny();
    return plan;
  }

  private static InitProgram program(ProcessConfig.Builder process) {
    return program(process, context());
  }

  private static InitProgram program(ProcessConfig.Builder process, ProcessContext context) {
    ProcessPlan plan = plan(process.build(), context);
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    plan.emitOomScoreAdj(b);
    plan.emitSetup(b, PROCFS);
    plan.emitLateSeccomp(b);
    plan.emitExec(b);
    return b.build();
  }

  private static String capsetSets(InitProgram program) {
    return ((Arg.BlobRef) ops(program, Syscall.CAPSET).get(0).args().get(1)).shown();
  }

  private static List<Op> ops(InitProgram program, Syscall syscall) {
    return program.ops().stream().filter(op -> op.syscall() == syscall).toList();
  }

  private static List<String> descriptions(InitProgram program) {
    return program.ops().stream().map(Op::description).toList();
  }

  private static int indexOf(InitProgram program, String description) {
    int index = descriptions(program).indexOf(description);
    assertTrue(index >= 0, () -> "no op described as " + description + " in\n"
        + program.render());
    return index;
  }

  private static void assertInOrder(List<String> descriptions, String... expected) {
    int last = -1;
    for (String description : expected) {
      int index = descriptions.indexOf(description);
      assertTrue(index > last, () -> description + " is missing or out of order in "
          + String.join("\n", descriptions));
      last = index;
    }
  }
}
