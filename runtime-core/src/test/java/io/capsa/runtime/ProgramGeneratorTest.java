package io.capsa.runtime;

import static io.capsa.oci.linux.NamespaceType.*;
import static io.capsa.runtime.ProgramOps.assertInOrder;
import static io.capsa.runtime.ProgramOps.assertStartsNonDumpable;
import static io.capsa.runtime.ProgramOps.at;
import static io.capsa.runtime.ProgramOps.descriptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.Op;
import io.capsa.init.OpCode;
import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.oci.IdMapping;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.runtime.namespaces.NamespaceConversion;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.state.ContainerId;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Syscall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The init programs the orchestrator writes, inspected op by op: no root, no kernel. */
class ProgramGeneratorTest {
  private static final Path FIFO = Path.of("/run/capsa/web/exec.fifo");

  private static Spec.Builder spec(Namespace... namespaces) {
    return Spec.builder()
        .root(new Root("rootfs"))
        .process(ProcessConfig.builder().args(List.of("sh")).cwd("/").build())
        .linux(Linux.builder().namespaces(List.of(namespaces)).build());
  }

  /** A bundle directory with an empty rootfs: the root filesystem plan wants one to exist. */
  @TempDir static Path bundle;

  @BeforeAll
  static void createRootfs() throws Exception {
    Files.createDirectories(bundle.resolve("rootfs"));
  }

  private static InitProgram generate(Arch arch, Spec spec, CreateOptions options) {
    ContainerConfig config = ContainerConfig.from(new ContainerId("web"), bundle,
        spec, options, TestCgroups.PURE_V2, false, new NamespaceConversion(type -> true),
        new KernelFeatures(40, false, false));
    ChildFds fds = ChildFds.layout(options, config.namespaces().joined());
    return new ProgramGenerator(arch).generate(config, fds, FIFO, 4096);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theStepsComeInTheOrchestratorsOrder(Arch arch) {
    Hook hook = new Hook("/hook");
    Spec withEverything = spec(new Namespace(MOUNT), new Namespace(PID), new Namespace(USER),
        new Namespace(NETWORK, "/proc/7/ns/net"), new Namespace(UTS))
        .linux(Linux.builder()
            .namespaces(List.of(new Namespace(MOUNT), new Namespace(PID), new Namespace(USER),
                new Namespace(NETWORK, "/proc/7/ns/net"), new Namespace(UTS)))
            .uidMappings(List.of(new IdMapping(0, 100000, 65536)))
            .gidMappings(List.of(new IdMapping(0, 100000, 65536)))
            .build())
        .hooks(Hooks.builder().prestart(List.of(hook)).createContainer(List.of(hook))
            .startContainer(List.of(hook)).build())
        .hostname("web")
        .build();

    InitProgram program = generate(arch, withEverything,
        CreateOptions.builder().reaper(true).build());

    assertInOrder(program,
        "make the sync socket close-on-exec",
        "make the fd of the network namespace close-on-exec",
        "make the fd of the cgroup close-on-exec",
        "create node /run/capsa/web/exec.fifo",
        "join the network namespace /proc/7/ns/net",
        "unshare the user namespace",
        "send user namespace to the host",
        "wait for the host: the id maps",
        "unshare CLONE_",
        "clone the container's init",
        "report the pid of the container's init to the host",
        "exit with status 0",
        "start a new session",
        "become group root in the user namespace",
        "become root in the user namespace",
        "mount the runtime's private procfs",
        "send hooks to the host",
        "wait for the host: the prestart and createRuntime hooks",
        "wait for the host: the state for startContainer hooks",
        "createContainer hook 0 (/hook)",
        "set hostname web",
        "send ready to the host",
        "wait for start: open the exec fifo",
        "tell start the init is released",
        "startContainer hook 0 (/hook)",
        "fork and reap as PID 1",
        "execute ");
  }

  /**
   * runc's CVE-2016-9962: a dumpable init that waits for start holds the host's cgroup
   * directory and the runtime's procfs, which a process exec'd into the container could open
   * through /proc/1/fd. Dumpable only while the host, maybe without root, writes the id maps.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void theInitIsNotDumpableFromItsFirstOpToItsExecve(Arch arch) {
    InitProgram program = generate(arch, spec(new Namespace(MOUNT), new Namespace(PID),
        new Namespace(USER)).linux(Linux.builder()
            .namespaces(List.of(new Namespace(MOUNT), new Namespace(PID), new Namespace(USER)))
            .uidMappings(List.of(new IdMapping(0, 100000, 65536)))
            .gidMappings(List.of(new IdMapping(0, 100000, 65536))).build()).build(),
        CreateOptions.defaults());

    assertStartsNonDumpable(arch, program);
    assertInOrder(program,
        "become non-dumpable, so that no process of the container can reach",
        "unshare the user namespace",
        "become dumpable while the host writes the id maps",
        "send user namespace to the host",
        "wait for the host: the id maps",
        "become non-dumpable again",
        "clone the container's init",
        "execute ");
    assertEquals(3, descriptions(program).stream().filter(d -> d.startsWith("become ")
        && d.contains("dumpable")).count(), "off, then one window around the id maps");
  }

  /**
   * Written later, in the new user namespace, /proc/self/oom_score_adj of the non-dumpable
   * init would belong to the host's root and refuse the init's root.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void oomScoreAdjIsWrittenBeforeAnyNamespaceThroughTheHostsProc(Arch arch) {
    Spec spec = spec(new Namespace(MOUNT), new Namespace(PID))
        .process(ProcessConfig.builder().args(List.of("sh")).cwd("/").oomScoreAdj(-500).build())
        .build();

    InitProgram program = generate(arch, spec, CreateOptions.defaults());

    assertInOrder(program,
        "become non-dumpable",
        "open /proc/self/oom_score_adj",
        "set oom_score_adj to -500",
        "unshare CLONE_");
    assertEquals(arch.constant(ArchConstant.AT_FDCWD), ((Arg.Immediate) program.op(
        at(program, "open /proc/self/oom_score_adj")).args().get(0)).value());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theInitIsClonedAsTheJvmsChildWithoutAnExitSignalIntoItsCgroup(Arch arch) {
    InitProgram program = generate(arch, spec(new Namespace(MOUNT), new Namespace(PID)).build(),
        CreateOptions.defaults());

    Op clone = program.op(at(program, "clone the container's init"));
    assertEquals(Syscall.CLONE3, clone.syscall());
    Arg.BlobRef args = (Arg.BlobRef) clone.args().get(0);
    assertEquals("{flags=CLONE_PARENT|CLONE_INTO_CGROUP, exit_signal=0, cgroup=5}", args.shown());
    Op unshare = program.op(at(program, "unshare CLONE_"));
    assertEquals(new Arg.Immediate(arch.constant(ArchConstant.CLONE_NEWNS)
        | arch.constant(ArchConstant.CLONE_NEWPID), null).value(),
        ((Arg.Immediate) unshare.args().get(0)).value());
  }

  /**
   * Unshared before the clone, the namespace would be rooted at the runtime's cgroup and the
   * container would see itself as /capsa-...; made by the clone3 that puts the init into its
   * cgroup, it is rooted there.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void aNewCgroupNamespaceComesWithTheCloneIntoTheCgroup(Arch arch) {
    InitProgram program = generate(arch,
        spec(new Namespace(MOUNT), new Namespace(PID), new Namespace(CGROUP)).build(),
        CreateOptions.defaults());

    Arg.BlobRef args = (Arg.BlobRef) program.op(at(program, "clone the container's init"))
        .args().get(0);
    assertEquals("{flags=CLONE_PARENT|CLONE_NEWCGROUP|CLONE_INTO_CGROUP, exit_signal=0,"
        + " cgroup=5}", args.shown());
    Op unshare = program.op(at(program, "unshare CLONE_"));
    assertEquals(arch.constant(ArchConstant.CLONE_NEWNS) | arch.constant(ArchConstant.CLONE_NEWPID),
        ((Arg.Immediate) unshare.args().get(0)).value());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void withoutHooksOrAUserNamespaceTheInitOnlyReportsItsPidAndReadiness(Arch arch) {
    InitProgram program = generate(arch, spec(new Namespace(MOUNT)).build(),
        CreateOptions.defaults());

    List<String> sends = descriptions(program).stream()
        .filter(description -> description.endsWith("to the host")).toList();
    assertEquals(List.of("report the pid of the container's init to the host", "send ready to the host"), sends);
    assertTrue(program.ops().stream().noneMatch(op -> op.code() == OpCode.FORK_EXEC_WAIT));
    assertTrue(program.ops().stream().noneMatch(op -> op.code() == OpCode.REAPER));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aNewNetworkNamespaceGetsItsLoopbackUpBeforeTheInitIsCloned(Arch arch) {
    InitProgram program = generate(arch, spec(new Namespace(MOUNT), new Namespace(NETWORK))
        .build(), CreateOptions.defaults());

    assertInOrder(program,
        "unshare CLONE_",
        "open a socket in the new network namespace",
        "bring the loopback interface up",
        "clone the container's init");
    Op up = program.op(at(program, "bring the loopback interface up"));
    assertEquals(Syscall.IOCTL, up.syscall());
    assertTrue(program.render().contains("SIOCSIFFLAGS, {name=lo, flags=IFF_UP|IFF_RUNNING}"),
        program.render());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aJoinedOrTheHostsNetworkNamespaceIsLeftAsItIs(Arch arch) {
    for (Spec spec : List.of(spec(new Namespace(MOUNT)).build(),
        spec(new Namespace(MOUNT), new Namespace(NETWORK, "/proc/7/ns/net")).build())) {
      InitProgram program = generate(arch, spec, CreateOptions.defaults());

      assertTrue(descriptions(program).stream().noneMatch(d -> d.contains("loopback")),
          program.render());
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void joiningAUserNamespaceRetriesTheOthersFromInsideIt(Arch arch) {
    InitProgram program = generate(arch, spec(new Namespace(MOUNT),
        new Namespace(USER, "/proc/7/ns/user"), new Namespace(IPC, "/proc/7/ns/ipc")).build(),
        CreateOptions.defaults());

    assertInOrder(program,
        "join the ipc namespace /proc/7/ns/ipc before the user namespace",
        "join the user namespace /proc/7/ns/user",
        "join the ipc namespace /proc/7/ns/ipc from inside the user namespace",
        "clone the container's init",
        "become root in the user namespace");
    Op firstTry = program.op(at(program, "join the ipc namespace /proc/7/ns/ipc before"));
    assertEquals("tolerate EPERM", firstTry.policy().toString());
    assertTrue(descriptions(program).stream().noneMatch(d -> d.startsWith("unshare the user")));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theRuntimesFdsAreAbovePreservedOnesAndTheHostsOwnNumbers(Arch arch) {
    ChildFds fds = ChildFds.layout(3, List.of(
        new io.capsa.runtime.namespaces.JoinedNamespace(NETWORK, "/proc/7/ns/net")), false);
    assertEquals(new ChildFds(3, 6, Map.of(NETWORK, 7), 8, 9, OptionalInt.empty()), fds);
    assertEquals(new ChildFds(0, 3, Map.of(), 4, 5, OptionalInt.empty()),
        ChildFds.layout(0, List.of(), false));
    assertEquals(new ChildFds(0, 3, Map.of(), 4, 5, OptionalInt.of(6)),
        ChildFds.layout(0, List.of(), true));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aTerminalIsConnectedFirstAndMadeInsideTheNewRootBeforeItIsReadOnly(Arch arch) {
    Spec spec = spec(new Namespace(MOUNT), new Namespace(PID))
        .root(new Root("rootfs", true))
        .process(ProcessConfig.builder().args(List.of("sh")).cwd("/").terminal(true).build())
        .build();
    InitProgram program = generate(arch, spec, CreateOptions.builder()
        .consoleSocket(ConsoleSocket.at(Path.of("/run/console.sock"))).build());

    assertInOrder(program,
        "make the sync socket close-on-exec",
        "connect to the console socket /run/console.sock",
        "unshare CLONE_",
        "clone the container's init",
        "start a new session",
        "pivot the root to the rootfs",
        "open /dev/ptmx",
        "unlock the pty",
        "open the pty's peer through its master",
        "make fd 0 the controlling terminal",
        "create /dev/console as a mount point",
        "bind the pty's peer onto /dev/console",
        "send the pty's master over the console socket",
        "make the container's root read-only",
        "send ready to the host");
  }
}
