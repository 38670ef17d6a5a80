package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.console.ConsoleSteps;
import io.capsa.runtime.hooks.ContainerHookSteps;
import io.capsa.runtime.hooks.ContainerHooks;
import io.capsa.runtime.hooks.HookPhase;
import io.capsa.runtime.namespaces.NamespaceSteps;
import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the init program of a container: the steps of the orchestrator in order, the
 * namespace, hook and sync ops itself, the root filesystem and process ops through
 * {@link ContainerPlans}. Pure: the program is data, {@link InitProgram#render()} shows it.
 */
final class ProgramGenerator {
  private final Arch arch;

  ProgramGenerator(Arch arch) {
    this.arch = arch;
  }

  /**
   * The program for {@code config} with capsa-init's fds laid out as {@code fds}, the exec fifo
   * created at {@code execFifo} and hook states of at most {@code stateSize} bytes.
   */
  InitProgram generate(ContainerConfig config, ChildFds fds, Path execFifo, int stateSize) {
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.Immediate sync = Arg.fd(fds.sync());
    hideFromContainer(b);
    keepFromContainer(b, fds);
    config.plans().emitInherited(b);
    ConsoleSteps console = new ConsoleSteps(b);
    Operand consoleSocket = config.options().consoleSocket()
        .map(socket -> console.socket(socket, fds.console().orElse(-1))).orElse(null);
    createExecFifo(b, execFifo, fds.execFifo());

    NamespaceSteps namespaces = new NamespaceSteps(b, config.namespaces());
    Map<NamespaceType, Operand> namespaceFds = new EnumMap<>(NamespaceType.class);
    fds.namespaces().forEach((type, fd) -> namespaceFds.put(type, Arg.fd(fd)));
    namespaces.joinNamespaces(namespaceFds);
    if (config.namespaces().creates(NamespaceType.USER)) {
      namespaces.unshareUser();
      // A host without root writes the id maps as the init's owner, which /proc/PID of a
      // process that is not dumpable is not (runc's nsexec does the same). This capsa-init is
      // still in the host's pid namespace: no process of a container can see it.
      b.setDumpable(true).describedAs("become dumpable while the host writes the id maps");
      send(b, sync, SyncMessage.USER_NAMESPACE);
      awaitHost(b, sync, b.buffer(1), 1, "the id maps");
      b.setDumpable(false).describedAs("become non-dumpable again");
    }
    namespaces.unshareOthers();
    namespaces.bringUpLoopback();
    cloneInit(b, sync, Arg.fd(fds.cgroup()), config.namespaces().creates(NamespaceType.CGROUP));
    if (config.namespaces().isPrivate(NamespaceType.USER)) {
      namespaces.becomeRoot();
    }

    Step procfs = privateProcfs(b);
    config.plans().emitMounts(b);
    ContainerHooks hooks = config.hooks();
    Arg.BlobRef startState = null;
    Step startLength = null;
    if (hooks.has(HookPhase.PRESTART) || hooks.has(HookPhase.CREATE_RUNTIME)
        || hooks.has(HookPhase.CREATE_CONTAINER) || hooks.has(HookPhase.START_CONTAINER)) {
      send(b, sync, SyncMessage.HOOKS);
      Arg.BlobRef createState = b.buffer(stateSize);
      Step createLength = awaitHost(b, sync, createState, stateSize,
          "the prestart and createRuntime hooks");
      if (hooks.has(HookPhase.START_CONTAINER)) {
        startState = b.buffer(stateSize);
        startLength = awaitHost(b, sync, startState, stateSize,
            "the state for startContainer hooks");
      }
      ContainerHookSteps.emit(b, HookPhase.CREATE_CONTAINER,
          hooks.of(HookPhase.CREATE_CONTAINER), createState, createLength);
    }
    config.plans().emitPivot(b, config.options().noPivot());
    if (consoleSocket != null) {
      // Before the lockdown, as runc does: /dev/console may have to be made on a root or /dev
      // that is read-only afterwards.
      console.emitTerminal(consoleSocket, config.plans().consoleSize(), true);
    }
    config.plans().emitLockdown(b, procfs);
    config.hostname().ifPresent(b::sethostname);
    config.domainname().ifPresent(b::setdomainname);
    config.plans().emitSetup(b, procfs);
    send(b, sync, SyncMessage.READY);
    awaitStart(b, procfs, fds);
    if (startState != null) {
      ContainerHookSteps.emit(b, HookPhase.START_CONTAINER,
          hooks.of(HookPhase.START_CONTAINER), startState, startLength);
    }
    config.plans().emitLateSeccomp(b);
    if (config.reaper()) {
      b.reaper();
    }
    config.plans().emitExec(b);
    return b.build();
  }

  /**
   * Until the execve of the process, the init holds host fds (the cgroup directory, the exec
   * fifo, the runtime's procfs) and later waits for start as the process's user, in the
   * container's pid namespace: a process exec'd into the container must not reach them
   * through /proc/1/fd (runc's CVE-2016-9962). Clones inherit this; execve ends it.
   */
  static void hideFromContainer(InitProgramBuilder b) {
    b.setDumpable(false).describedAs("become non-dumpable, so that no process of the "
        + "container can reach this one's fds through /proc");
  }

  /**
   * The runtime's fds came through posix_spawn, which leaves them inheritable; the process
   * must never see them (CVE-2024-21626), and hooks forked on the way must not either.
   */
  private static void keepFromContainer(InitProgramBuilder b, ChildFds fds) {
    b.fcntl(Arg.fd(fds.sync()), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the sync socket close-on-exec");
    fds.namespaces().forEach((type, fd) -> b.fcntl(Arg.fd(fd), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the fd of the " + type.name().toLowerCase(Locale.ROOT)
            + " namespace close-on-exec"));
    b.fcntl(Arg.fd(fds.cgroup()), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the fd of the cgroup close-on-exec");
  }

  /**
   * Creates the exec fifo (writable by anyone, as runc's: the process may already be an
   * unprivileged user when it opens it) and keeps an O_PATH fd of it at {@code slot}, through
   * which the init reopens it after pivot_root.
   */
  private static void createExecFifo(InitProgramBuilder b, Path path, int slot) {
    Step umask = b.umask(0).describedAs("clear the umask for the exec fifo");
    b.mknodat(b.atFdcwd(), path.toString(), b.constant(S_IFIFO) | 0622, 0);
    b.syscall(Syscall.UMASK, umask).describedAs("restore the umask");
    Step fifo = b.openat(b.atFdcwd(), path.toString(), b.flags(O_PATH, O_CLOEXEC), 0);
    b.dup3(fifo, Arg.fd(slot), b.constant(O_CLOEXEC));
    b.close(fifo);
  }

  /**
   * Step 4: the init proper, made with clone3(CLONE_PARENT) so that it is PID 1 of a new PID
   * namespace and a child of the JVM, which waits for it through a pidfd. The init is born in
   * the container's cgroup ({@code cgroup}, CLONE_INTO_CGROUP), so that no process of the
   * container ever runs outside it, and with {@code newCgroupNamespace} in a cgroup namespace
   * rooted there.
   */
  private static void cloneInit(InitProgramBuilder b, Arg.Immediate sync, Arg.Immediate cgroup,
      boolean newCgroupNamespace) {
    cloneChildOfHost(b, sync, cgroup, newCgroupNamespace ? b.constant(CLONE_NEWCGROUP) : 0,
        "the container's init");
  }

  /**
   * clone3(CLONE_PARENT): the child is in the pid namespace unshared or joined before, and a
   * child of the JVM, which waits for it through a pidfd. The exit signal is 0 because the
   * kernel refuses another with CLONE_PARENT; the child inherits its parent's, SIGCHLD. This
   * capsa-init reports the child's pid ({@link SyncMessage#INIT_PID}) and ends here; the child
   * goes on in a session of its own. {@code cgroup}, when not null, is the fd of the cgroup the
   * child is born in (CLONE_INTO_CGROUP); {@code moreFlags} are added to CLONE_PARENT.
   */
  static void cloneChildOfHost(InitProgramBuilder b, Arg.Immediate sync, Operand cgroup,
      long moreFlags, String what) {
    Step child = b.clone3(b.constant(CLONE_PARENT) | moreFlags, 0, cgroup)
        .describedAs("clone " + what);
    Label inChild = b.label("child");
    b.jumpIf(child, Condition.EQ, 0, inChild);
    Arg.BlobRef message = b.bytes(new byte[] {SyncMessage.INIT_PID.tag(), 0, 0, 0, 0});
    b.store(child, message.plus(1), 4);
    b.write(sync, message, 5).describedAs("report the pid of " + what + " to the host");
    b.exit(0);
    b.bind(inChild);
    b.setsid();
  }

  /**
   * Step 5: a procfs instance of the container's PID namespace that only the runtime uses,
   * as an fd, so that no mount the container's configuration controls can redirect the
   * runtime's writes to /proc (the fake-/proc class of CVEs).
   */
  private static Step privateProcfs(InitProgramBuilder b) {
    Step context = b.fsopen("proc", b.constant(FSOPEN_CLOEXEC));
    b.fsconfig(context, b.constant(FSCONFIG_CMD_CREATE), null, null, 0);
    Step procfs = b.fsmount(context, b.constant(FSMOUNT_CLOEXEC),
        b.flags(MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV, MOUNT_ATTR_NOEXEC))
        .describedAs("mount the runtime's private procfs");
    b.close(context);
    return procfs;
  }

  /**
   * Step 13: opening the exec fifo for writing blocks until start opens it for reading; the
   * byte written tells start that the init was there to be released.
   */
  private static void awaitStart(InitProgramBuilder b, Step procfs, ChildFds fds) {
    Step fifo = b.openat(procfs, "self/fd/" + fds.execFifo(), b.flags(O_WRONLY, O_CLOEXEC), 0)
        .describedAs("wait for start: open the exec fifo");
    b.write(fifo, "0").describedAs("tell start the init is released");
    b.close(fifo);
  }

  static void send(InitProgramBuilder b, Arg.Immediate sync, SyncMessage message) {
    b.write(sync, new byte[] {message.tag()})
        .describedAs("send " + message.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " to the host");
  }

  /**
   * Reads the host's next message into {@code buffer}; the read's result is its length. A
   * length of 0 means the host closed the socket (it gave up on create), which ends the init.
   */
  private static Step awaitHost(InitProgramBuilder b, Arg.Immediate sync, Arg.BlobRef buffer,
      int size, String what) {
    Step length = b.read(sync, buffer, size).describedAs("wait for the host: " + what);
    Label received = b.label();
    b.jumpIf(length, Condition.GT, 0, received);
    b.fail(Errno.EPIPE, "the host closed the sync socket while the init waited for " + what);
    b.bind(received);
    return length;
  }
}
