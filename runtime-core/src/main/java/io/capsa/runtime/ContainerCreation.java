package io.capsa.runtime;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.SOCK_SEQPACKET;

import io.capsa.init.InitLauncher;
import io.capsa.init.InitProcess;
import io.capsa.init.InitProgram;
import io.capsa.oci.OciJson;
import io.capsa.oci.State;
import io.capsa.oci.Status;
import io.capsa.runtime.cgroups.Cgroup;
import io.capsa.runtime.hooks.HookPhase;
import io.capsa.runtime.namespaces.IdMapWriter;
import io.capsa.runtime.namespaces.JoinedNamespace;
import io.capsa.runtime.state.ContainerLock;
import io.capsa.runtime.state.ContainerRecord;
import io.capsa.runtime.state.ProcessIdentity;
import io.capsa.sys.Arch;
import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.SocketPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One create: launches capsa-init with the container's program and answers it over the sync
 * socket (id maps, the init's pid, the host's hooks, ready) until the init waits for start.
 * Whatever fails, at whatever step, undoes everything done so far: the init and capsa-init are
 * killed and reaped, the fds closed, the cgroup and the state directory removed, and the
 * poststop hooks run once the lifecycle got as far as the prestart hooks.
 */
final class ContainerCreation {
  /** The copy of config.json the hooks and exec defaults of later operations come from. */
  static final String CONFIG_COPY = "config.json";

  private final RuntimeContext context;
  private final ContainerConfig config;
  private final InitProgram program;
  private final ChildFds fds;
  private final Path stateDirectory;
  private final Instant created = Instant.now();
  private final Arch arch = Arch.current();

  private boolean directoryCreated;
  private final List<Fd> namespaceFds = new ArrayList<>();
  private Cgroup cgroup;
  private Fd cgroupFd;
  private SocketPair sync;
  private StdioFds stdio;
  private InitProcess launched;
  private boolean launchedReaped;
  private Fd initPidfd;
  private int initPid;
  private boolean hooksRan;

  ContainerCreation(RuntimeContext context, ContainerConfig config, InitProgram program,
      ChildFds fds) {
    this.context = context;
    this.config = config;
    this.program = program;
    this.fds = fds;
    this.stateDirectory = context.store().directory(config.id());
  }

  /** Creates the container under its lock; on failure nothing it made is left. */
  ContainerHandle run() {
    try (ContainerLock lock = context.store().lockForCreate(config.id())) {
      try {
        return createUnderLock();
      } catch (RuntimeException | Error e) {
        undo(e);
        throw e;
      }
    }
  }

  private ContainerHandle createUnderLock() {
    context.store().create(config.id());
    directoryCreated = true;
    if (config.options().notifySocket()) {
      NotifyDirectory.of(stateDirectory).create();
    }
    writeConfigCopy();
    // The cgroup is in the record before it exists: a create killed after making it leaves
    // what delete --force needs to remove it.
    context.store().write(config.id(), record(Status.CREATING, 0));
    cgroup = context.cgroups().create(config.cgroupPath(), config.cgroupSettings());
    cgroupFd = cgroup.openForClone();
    HostSyscalls host = context.host();
    for (JoinedNamespace ns : config.namespaces().joined()) {
      namespaceFds.add(host.openat2(Fd.cwd(), ns.path(),
          OpenHow.of(arch.constant(O_RDONLY) | arch.constant(O_CLOEXEC), 0)));
    }
    sync = host.socketpair((int) arch.constant(AF_UNIX), (int) arch.constant(SOCK_SEQPACKET), 0);
    stdio = StdioFds.open(host, config.options().stdio());
    launched = InitLauncher.get().launch(program, childFds());
    closeChildEnds();
    answerInit();
    ProcessIdentity init = ProcessIdentity.of(initPid).orElseThrow(() -> new IllegalStateException(
        "the container's init (pid " + initPid + ") died as create finished"));
    context.store().write(config.id(), record(Status.CREATED, init.startTime()));
    cgroup.close();
    return ContainerHandle.created(context, config.id(), new LiveInit(context.host(), initPidfd,
        launched, stdio, config.id().value()));
  }

  private State state(Status status) {
    return StateDocuments.state(config, status, initPid, created);
  }

  private byte[] record(Status status, long initStartTime) {
    return ContainerRecord.of(state(status), initStartTime, config.cgroupPath(),
        config.cgroupSettings().ignoreResourceLimits()).toJson();
  }

  /**
   * Keeps the configuration for the operations after create, as the bundle's config.json may
   * change in the meantime: the poststart and poststop hooks, and exec's defaults (the
   * container's capabilities, no_new_privs, LSM labels and limits).
   */
  private void writeConfigCopy() {
    Path copy = stateDirectory.resolve(CONFIG_COPY);
    try {
      Files.writeString(copy, OciJson.write(config.spec()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + copy, e);
    }
  }

  private Map<Integer, Fd> childFds() {
    Map<Integer, Fd> map = new HashMap<>(stdio.childFds());
    List<Fd> preserved = config.options().preservedFds();
    for (int i = 0; i < preserved.size(); i++) {
      map.put(3 + i, preserved.get(i));
    }
    map.put(fds.sync(), sync.second());
    List<JoinedNamespace> joined = config.namespaces().joined();
    for (int i = 0; i < joined.size(); i++) {
      map.put(fds.namespaces().get(joined.get(i).type()), namespaceFds.get(i));
    }
    map.put(fds.execFifo(), sync.second());
    map.put(fds.cgroup(), cgroupFd);
    config.options().consoleSocket()
        .filter(ConsoleSocket.Connected.class::isInstance)
        .ifPresent(socket -> map.put(fds.console().orElseThrow(),
            ((ConsoleSocket.Connected) socket).socket()));
    return map;
  }

  /** capsa-init has its copies; the host's must go, or the init's end would never see EOF. */
  private void closeChildEnds() {
    sync.second().close();
    cgroupFd.close();
    namespaceFds.forEach(Fd::close);
    stdio.close();
  }

  /**
   * The host's half of the sync protocol ({@link SyncMessage}), until the init is ready. The
   * init's pid comes from the first capsa-init, the init's own messages from the init: when the
   * first is slow to be scheduled after clone3, the init's hooks request or even its ready can
   * come before the pid, and they wait for it (hooks need the pid in their state).
   */
  private void answerInit() {
    HostSyscalls host = context.host();
    Fd socket = sync.first();
    byte[] message = new byte[16];
    boolean hooksRequested = false;
    boolean ready = false;
    while (!(ready && initPidfd != null)) {
      int length = host.read(socket, message, 0, message.length);
      if (length == 0) {
        throw initEnded();
      }
      switch (SyncMessage.of(message[0])) {
        case USER_NAMESPACE -> {
          new IdMapWriter(host).write(launched.pid(), config.namespaces(), host.geteuid() != 0);
          send(new byte[] {SyncMessage.MAPS_WRITTEN.tag()});
        }
        case INIT_PID -> {
          initPid = ByteBuffer.wrap(message, 1, 4).order(ByteOrder.nativeOrder()).getInt();
          initPidfd = host.pidfdOpen(initPid);
          reapLaunched();
          if (hooksRequested) {
            runCreateHooks();
          }
        }
        case HOOKS -> {
          hooksRequested = true;
          if (initPidfd != null) {
            runCreateHooks();
          }
        }
        case READY -> ready = true;
        default -> throw new IllegalStateException("the container's init sent "
            + SyncMessage.of(message[0]) + ", which only the host sends");
      }
    }
  }

  /** The first capsa-init exits 0 once it has reported the init's pid. */
  private void reapLaunched() {
    ChildStatus status = launched.waitFor();
    launchedReaped = true;
    if (!status.exited() || status.status() != 0) {
      RuntimeContext.LOG.log(Level.DEBUG, "capsa-init of {0} ended: {1}", config.id(), status);
    }
  }

  /**
   * Steps 3 to 5 of the runtime-spec lifecycle, the host's part: prestart and createRuntime
   * hooks in the runtime namespace, then the states the init passes to createContainer and
   * startContainer hooks.
   */
  private void runCreateHooks() {
    hooksRan = true;
    byte[] creating = StateDocuments.bytes(state(Status.CREATING));
    context.hooks().run(HookPhase.PRESTART, config.hooks().of(HookPhase.PRESTART), creating);
    context.hooks().run(HookPhase.CREATE_RUNTIME, config.hooks().of(HookPhase.CREATE_RUNTIME),
        creating);
    send(creating);
    if (config.hooks().has(HookPhase.START_CONTAINER)) {
      send(StateDocuments.bytes(state(Status.CREATED)));
    }
  }

  private void send(byte[] message) {
    context.host().sendmsg(sync.first(), message, List.of());
  }

  /**
   * The init closed its end of the sync socket before it was ready: it failed (its error
   * record names the op) or was killed.
   */
  private RuntimeException initEnded() {
    launched.awaitExec();
    return new IllegalStateException("the container's init ended during create without"
        + " reporting an error" + (initPidfd == null ? "" : ": " + awaitInit()));
  }

  private ChildStatus awaitInit() {
    ChildStatus status = context.host().awaitExit(initPidfd);
    initPidfd.close();
    initPidfd = null;
    return status;
  }

  private void undo(Throwable failure) {
    Undo undo = new Undo(failure, context.host());
    if (initPidfd != null) {
      undo.attempt(() -> {
        undo.kill(initPidfd);
        awaitInit();
      });
    }
    if (launched != null) {
      undo.killLaunched(launched, launchedReaped);
    }
    if (sync != null) {
      undo.attempt(sync::close);
    }
    namespaceFds.forEach(fd -> undo.attempt(fd::close));
    if (stdio != null) {
      undo.attempt(() -> stdio.closeAll(failure));
    }
    if (cgroupFd != null) {
      undo.attempt(cgroupFd::close);
    }
    if (cgroup != null) {
      undo.attempt(cgroup::remove);
    }
    if (directoryCreated) {
      undo.attempt(() -> context.store().remove(config.id()));
    }
    if (hooksRan) {
      PoststopHooks.run(context.hooks(), config.hooks().of(HookPhase.POSTSTOP),
          StateDocuments.bytes(state(Status.STOPPED)), config.id());
    }
  }
}
