package io.capsa.runtime;

import static io.capsa.oci.linux.NamespaceType.CGROUP;
import static io.capsa.oci.linux.NamespaceType.MOUNT;
import static io.capsa.oci.linux.NamespaceType.PID;
import static io.capsa.oci.linux.NamespaceType.USER;
import static io.capsa.runtime.ProgramOps.assertInOrder;
import static io.capsa.runtime.ProgramOps.assertStartsNonDumpable;
import static io.capsa.runtime.ProgramOps.at;
import static io.capsa.runtime.ProgramOps.descriptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.Op;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.Problem;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.process.ProcessPlan;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.Syscall;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The init programs of exec, inspected op by op: no root, no kernel. */
class ExecProgramGeneratorTest {
  private static final KernelFeatures KERNEL = new KernelFeatures(40, false, false);
  private static final ProcessConfig SHELL = ProcessConfig.builder().args(List.of("sh"))
      .cwd("/").build();

  private static InitProgram generate(Arch arch, ProcessConfig process,
      Set<NamespaceType> namespaces, ExecOptions options) {
    return generate(arch, process, namespaces, options, false);
  }

  private static InitProgram generate(Arch arch, ProcessConfig process,
      Set<NamespaceType> namespaces, ExecOptions options, boolean cgroup) {
    ProcessPlan plan = ContainerExec.plan(process, null, namespaces, options, KERNEL);
    return new ExecProgramGenerator(arch).generate(plan, ExecFds.layout(options, cgroup),
        namespaces, options.consoleSocket());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theProcessJoinsEveryNamespaceInOneSetnsThenIsForkedIntoThem(Arch arch) {
    ExecOptions options = ExecOptions.builder()
        .consoleSocket(ConsoleSocket.at(Path.of("/run/console.sock"))).build();
    InitProgram program = generate(arch, SHELL.toBuilder().terminal(true)
        .consoleSize(new ConsoleSize(40, 120, null)).build(),
        EnumSet.of(USER, MOUNT, PID), options);

    assertInOrder(program,
        "become non-dumpable, so that no process of the container can reach",
        "make the sync socket close-on-exec",
        "make the init's pidfd close-on-exec",
        "connect to the console socket /run/console.sock",
        "open the host's /proc",
        "join the mnt, pid, user namespaces of the container's init",
        "clone the exec'd process",
        "report the pid of the exec'd process to the host",
        "exit with status 0",
        "start a new session",
        "open /dev/ptmx",
        "set the window size of fd",
        "make fd 0 the controlling terminal",
        "send the pty's master over the console socket",
        "change directory to /",
        "execute ");
    Op setns = program.op(at(program, "join the mnt, pid, user namespaces"));
    assertEquals(Syscall.SETNS, setns.syscall());
    assertEquals(Arg.fd(ExecFds.layout(options, false).initPidfd()), setns.args().get(0));
    assertEquals(arch.constant(ArchConstant.CLONE_NEWUSER) | arch.constant(ArchConstant.CLONE_NEWNS)
        | arch.constant(ArchConstant.CLONE_NEWPID),
        ((Arg.Immediate) setns.args().get(1)).value());
    Arg.BlobRef cloneArgs = (Arg.BlobRef) program.op(at(program, "clone the exec'd process"))
        .args().get(0);
    assertTrue(cloneArgs.shown().startsWith("{flags=CLONE_PARENT, exit_signal=0"),
        cloneArgs.shown());
    assertTrue(descriptions(program).stream().noneMatch(d -> d.contains("/dev/console")),
        "only the init's terminal is /dev/console");
  }

  /**
   * The exec'd process holds the host's /proc until its execve, next to the container's own
   * processes of the same user (runc's CVE-2016-9962); its oom_score_adj is written before the
   * user namespace is joined, where the host root's /proc files would refuse it.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void theProcessIsNotDumpableAndGetsItsOomScoreBeforeJoining(Arch arch) {
    InitProgram program = generate(arch, SHELL.toBuilder().oomScoreAdj(300).build(),
        EnumSet.of(USER, MOUNT, PID), ExecOptions.defaults());

    assertStartsNonDumpable(arch, program);
    assertInOrder(program,
        "open the host's /proc",
        "set oom_score_adj to 300",
        "join the mnt, pid, user namespaces of the container's init",
        "execute ");
    assertTrue(descriptions(program).stream().noneMatch(d -> d.equals("become dumpable")
        || d.startsWith("become dumpable ")), "never dumpable before the execve");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aConnectedConsoleSocketIsHandedOverAboveTheRuntimesFds(Arch arch) {
    ExecOptions options = ExecOptions.builder().preservedFds(List.of(Fd.borrowed(0)))
        .consoleSocket(ConsoleSocket.of(Fd.borrowed(1))).build();
    ExecFds fds = ExecFds.layout(options, true);
    InitProgram program = generate(arch, SHELL.toBuilder().terminal(true).build(),
        EnumSet.of(MOUNT), options);

    assertEquals(4, fds.sync());
    assertEquals(5, fds.initPidfd());
    assertEquals(6, fds.console().orElseThrow());
    assertEquals(7, fds.cgroup().orElseThrow());
    assertInOrder(program, "make the console socket close-on-exec", "join the mnt namespaces",
        "send the pty's master");
    assertTrue(descriptions(program).stream().noneMatch(d -> d.startsWith("connect")));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theProcessIsBornInTheContainersCgroupWhenItHasOne(Arch arch) {
    InitProgram program = generate(arch, SHELL, EnumSet.of(MOUNT), ExecOptions.defaults(), true);

    Arg.BlobRef cloneArgs = (Arg.BlobRef) program.op(at(program, "clone the exec'd process"))
        .args().get(0);
    assertTrue(cloneArgs.shown().contains("CLONE_INTO_CGROUP"), cloneArgs.shown());
    assertTrue(cloneArgs.shown().contains("cgroup=5"), cloneArgs.shown());
    assertInOrder(program, "make the container's cgroup fd close-on-exec", "clone the exec'd");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void bornInTheCgroupTheProcessJoinsTheCgroupNamespaceOnlyAfterTheClone(Arch arch) {
    InitProgram program = generate(arch, SHELL, EnumSet.of(MOUNT, CGROUP),
        ExecOptions.defaults(), true);

    assertInOrder(program,
        "join the mnt namespaces of the container's init",
        "clone the exec'd process",
        "start a new session",
        "join the cgroup namespace of the container's init",
        "execute ");
    Op setns = program.op(at(program, "join the cgroup namespace"));
    assertEquals(arch.constant(ArchConstant.CLONE_NEWCGROUP),
        ((Arg.Immediate) setns.args().get(1)).value());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void withoutACgroupTheCgroupNamespaceIsJoinedWithTheOthers(Arch arch) {
    InitProgram program = generate(arch, SHELL, EnumSet.of(MOUNT, CGROUP),
        ExecOptions.defaults(), false);

    assertInOrder(program, "join the mnt, cgroup namespaces of the container's init",
        "clone the exec'd process");
  }

  @Test
  void withoutNamespacesOfItsOwnTheContainerIsNotJoined() {
    InitProgram program = generate(Arch.X86_64, SHELL, Set.of(), ExecOptions.defaults());

    assertTrue(program.ops().stream().noneMatch(op -> op.syscall() == Syscall.SETNS),
        program.render());
  }

  @Test
  void aTerminalNeedsASocketAndASocketATerminal() {
    InvalidConfigException noSocket = assertThrows(InvalidConfigException.class,
        () -> ContainerExec.plan(SHELL.toBuilder().terminal(true).build(), null, Set.of(MOUNT),
            ExecOptions.defaults(), KERNEL));
    InvalidConfigException noTerminal = assertThrows(InvalidConfigException.class,
        () -> ContainerExec.plan(SHELL, null, Set.of(MOUNT), ExecOptions.builder()
            .consoleSocket(ConsoleSocket.at(Path.of("/run/console.sock"))).build(), KERNEL));

    assertEquals(List.of("$.terminal"), paths(noSocket));
    assertEquals(List.of("$.terminal"), paths(noTerminal));
  }

  @Test
  void theProblemsOfTheProcessArePathsIntoItsOwnDocument() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ContainerExec.plan(ProcessConfig.builder().args(List.of()).cwd("relative").build(),
            null, Set.of(MOUNT), ExecOptions.defaults(), KERNEL));

    assertEquals(List.of("$.args", "$.cwd"), paths(e));
  }

  private static List<String> paths(InvalidConfigException e) {
    return e.problems().stream().map(Problem::jsonPath).toList();
  }
}
