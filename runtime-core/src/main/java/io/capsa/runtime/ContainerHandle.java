package io.capsa.runtime;

import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import io.capsa.oci.State;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.linux.Seccomp;
import io.capsa.runtime.cgroups.Cgroup;
import io.capsa.runtime.cgroups.CgroupPath;
import io.capsa.runtime.cgroups.CgroupSettings;
import io.capsa.runtime.cgroups.CgroupStats;
import io.capsa.runtime.cgroups.ResourceUpdate;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.runtime.hooks.ContainerHooks;
import io.capsa.runtime.hooks.HookPhase;
import io.capsa.runtime.namespaces.JoinableNamespaces;
import io.capsa.runtime.state.ContainerId;
import io.capsa.runtime.state.ContainerLock;
import io.capsa.runtime.state.ContainerRecord;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.runtime.state.Operation;
import io.capsa.runtime.state.ProcessIdentity;
import io.capsa.runtime.state.Status;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Container}: its id, and for a container this JVM created its {@link LiveInit}.
 * Every operation reads the stored record under the id's lock and derives the status from the
 * init's identity (pid and start time) and the exec fifo, so that handles of the same container
 * in other threads or processes stay consistent.
 */
final class ContainerHandle implements Container {
  /** How long delete waits for a killed init to be gone. */
  private static final long DEATH_TIMEOUT_SECONDS = 10;

  private final RuntimeContext context;
  private final ContainerId id;
  private final LiveInit live;

  private ContainerHandle(RuntimeContext context, ContainerId id, LiveInit live) {
    this.context = context;
    this.id = id;
    this.live = live;
  }

  static ContainerHandle created(RuntimeContext context, ContainerId id, LiveInit live) {
    ContainerHandle handle = new ContainerHandle(context, id, live);
    context.registry().add(handle);
    return handle;
  }

  /** A handle of a container another handle or process created; fails if there is none. */
  static ContainerHandle loaded(RuntimeContext context, ContainerId id) {
    ContainerRecord.fromJson(context.store().read(id));
    return new ContainerHandle(context, id, null);
  }

  @Override
  public String id() {
    return id.value();
  }

  private Path directory() {
    return context.store().directory(id);
  }

  private ContainerRecord record() {
    return ContainerRecord.fromJson(context.store().read(id));
  }

  /** As runc derives it: paused while the cgroup of a live container is frozen. */
  private Status status(ContainerRecord record) {
    boolean alive = record.init().map(ProcessIdentity::isAlive).orElse(false);
    boolean fifo = Files.exists(ExecFifo.of(directory()), LinkOption.NOFOLLOW_LINKS);
    Status status = record.status(alive, fifo);
    if (status == Status.CREATED || status == Status.RUNNING) {
      Optional<Cgroup> cgroup = record.cgroup().flatMap(context.cgroups()::openIfExists);
      if (cgroup.isPresent()) {
        try (Cgroup open = cgroup.get()) {
          return open.isFrozen() ? Status.PAUSED : status;
        }
      }
    }
    return status;
  }

  @Override
  public State state() {
    ContainerRecord record = record();
    Status status = status(record);
    return record.state().toBuilder()
        .status(io.capsa.oci.Status.valueOf(status.name()))
        .pid(status == Status.STOPPED ? Integer.valueOf(0) : record.state().pid())
        .build();
  }

  @Override
  public void start() {
    ContainerRecord running;
    try (ContainerLock lock = context.store().lock(id)) {
      ContainerRecord record = record();
      Operation.START.check(id, status(record));
      ProcessIdentity init = record.init().orElseThrow();
      Path fifo = ExecFifo.of(directory());
      ExecFifo.release(context.host(), fifo, init);
      deleteFifo(fifo);
      running = record.withStatus(Status.RUNNING);
      context.store().write(id, running.toJson());
    }
    // Without the lock: startContainer and poststart hooks may take long, and kill or delete
    // from another thread must still be able to stop the container meanwhile.
    try {
      if (live != null) {
        live.awaitExec();
      }
      context.hooks().run(HookPhase.POSTSTART, hooks().of(HookPhase.POSTSTART),
          StateDocuments.bytes(running.state()));
    } catch (RuntimeException e) {
      ContainerException failure = new ContainerException("starting", id.value(), e);
      try (ContainerLock lock = context.store().lock(id)) {
        if (context.store().exists(id)) {
          destroy(running, failure);
        }
      }
      throw failure;
    }
  }

  private static void deleteFifo(Path fifo) {
    try {
      Files.deleteIfExists(fifo);
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + fifo, e);
    }
  }

  @Override
  public Optional<NotifySocket> bindNotifySocket() {
    NotifyDirectory notify = NotifyDirectory.of(directory());
    if (!notify.exists()) {
      record(); // a container that is gone says so, rather than seeming to have no socket
      return Optional.empty();
    }
    return Optional.of(NotifySocket.bind(context.host(), notify.socket()));
  }

  @Override
  public void kill(Signal signal) {
    try (ContainerLock lock = context.store().lock(id)) {
      ContainerRecord record = record();
      Operation.KILL.check(id, status(record));
      send(record.init().orElseThrow(), signal);
    }
  }

  @Override
  public void kill(Signal signal, boolean all) {
    if (!all) {
      kill(signal);
      return;
    }
    withCgroup(Operation.KILL, cgroup -> {
      cgroup.signalAll(signal.number());
      return null;
    });
  }

  @Override
  public void pause() {
    withCgroup(Operation.PAUSE, cgroup -> {
      cgroup.freeze();
      return null;
    });
  }

  @Override
  public void resume() {
    withCgroup(Operation.RESUME, cgroup -> {
      cgroup.thaw();
      return null;
    });
  }

  @Override
  public List<Integer> processes() {
    return withCgroup(null, Cgroup::processes);
  }

  @Override
  public CgroupStats stats() {
    return withCgroup(Operation.STATS, Cgroup::stats);
  }

  /**
   * As runc's update: from the container's current resources (the configuration's, or those
   * the last update left, which the record keeps), the given members replace theirs, the whole
   * is written to the cgroup and kept for the next update.
   */
  @Override
  public void update(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    withCgroup(Operation.UPDATE, cgroup -> {
      ContainerRecord record = record();
      Spec spec = spec();
      ResourceUpdate update = new ResourceUpdate(record.updatedResources()
          .orElseGet(() -> configuredResources(spec)), resources);
      ConfigProblems problems = new ConfigProblems();
      CgroupSettings settings = CgroupSettings.forUpdate(update,
          spec.linux() == null ? null : spec.linux().devices(),
          record.ignoreResourceLimits() || context.ignoreResourceLimits(), problems);
      problems.throwIfAny();
      cgroup.update(settings);
      context.store().write(id, record.withUpdatedResources(update.merged()).toJson());
      return null;
    });
  }

  private static Resources configuredResources(Spec spec) {
    Resources configured = spec.linux() == null ? null : spec.linux().resources();
    return configured == null ? Resources.builder().build() : configured;
  }

  /**
   * Under the container's lock, once {@code operation} (when not null) is legal in its status:
   * {@code action} on its cgroup, open for the time of it.
   */
  private <T> T withCgroup(Operation operation, Function<Cgroup, T> action) {
    try (ContainerLock lock = context.store().lock(id)) {
      ContainerRecord record = record();
      if (operation != null) {
        operation.check(id, status(record));
      }
      Cgroup cgroup = record.cgroup().flatMap(context.cgroups()::openIfExists)
          .orElseThrow(() -> new ContainerStateException("container " + id + " has no cgroup"
              + record.cgroup().map(path -> " (" + path + " is gone)").orElse("")));
      try (cgroup) {
        return action.apply(cgroup);
      }
    }
  }

  /**
   * Through the live pidfd, or through a pidfd opened now and checked to still be the stored
   * init: once the pidfd is open its process cannot be replaced, so a reused pid is never hit.
   */
  private void send(ProcessIdentity init, Signal signal) {
    if (live != null) {
      if (!live.signal(signal.number())) {
        throw new ContainerStateException("container not running: container " + id
            + " has stopped");
      }
      return;
    }
    try (Fd pidfd = context.host().pidfdOpen(init.pid())) {
      if (!init.isAlive()) {
        throw new ContainerStateException("container not running: container " + id
            + " has stopped");
      }
      context.host().pidfdSendSignal(pidfd, signal.number());
    }
  }

  @Override
  public void delete(boolean force) {
    try (ContainerLock lock = context.store().lock(id)) {
      if (!context.store().exists(id)) {
        throw new ContainerStateException("container " + id + " does not exist");
      }
      ContainerRecord record = record();
      if (!force) {
        Operation.DELETE.check(id, status(record));
      }
      destroy(record, null);
    }
  }

  /**
   * Step 12 and 13 of the runtime-spec lifecycle: kills the init if it is still there (a
   * created container, or force), removes the cgroup (killing what still runs in it, e.g.
   * processes of a container without its own PID namespace) and the state directory, then runs
   * the poststop hooks. Call it holding the container's lock, which then removes its file.
   * Failures are added to {@code failure} when there is one, thrown otherwise.
   */
  private void destroy(ContainerRecord record, RuntimeException failure) {
    try {
      if (status(record) != Status.STOPPED) {
        record.init().ifPresent(this::killAndAwait);
      } else if (live != null) {
        // An init this JVM created that ended unwatched is a zombie until its waiter reaps it.
        live.exit();
      }
      record.cgroup().flatMap(context.cgroups()::openIfExists).ifPresent(Cgroup::remove);
      ContainerHooks hooks = hooks();
      context.store().remove(id);
      context.registry().remove(this);
      PoststopHooks.run(context.hooks(), hooks.of(HookPhase.POSTSTOP),
          StateDocuments.bytes(record.state().toBuilder()
              .status(io.capsa.oci.Status.STOPPED).pid(0).build()),
          id);
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  private void killAndAwait(ProcessIdentity init) {
    try {
      send(init, Signal.KILL);
    } catch (ContainerStateException | SyscallException e) {
      RuntimeContext.LOG.log(Level.DEBUG, "killing " + id + ": " + e.getMessage());
    }
    if (live != null) {
      try {
        live.exit().get(DEATH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("waiting for the init of " + id + ": "
            + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("the init of " + id + " (pid " + init.pid()
            + ") did not die within " + DEATH_TIMEOUT_SECONDS + "s of SIGKILL");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the init of " + id, e);
      }
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEATH_TIMEOUT_SECONDS);
    while (init.isAlive()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the init of " + id + " (pid " + init.pid()
            + ") did not die within " + DEATH_TIMEOUT_SECONDS + "s of SIGKILL");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /**
   * The hooks of the configuration create saved (the bundle's may have changed since); create
   * saves none when there are no hooks left to run.
   */
  private ContainerHooks hooks() {
    Path copy = directory().resolve(ContainerCreation.CONFIG_COPY);
    if (!Files.exists(copy)) {
      return ContainerHooks.none();
    }
    return ContainerHooks.from(OciJson.readSpec(copy).hooks(), new ConfigProblems());
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    if (live == null) {
      throw new ContainerStateException("the exit status of container " + id
          + " is known only to the process that created it");
    }
    return live.exit();
  }

  @Override
  public ProcessConfig process() {
    return processOf(spec());
  }

  private ProcessConfig processOf(Spec spec) {
    ProcessConfig process = spec.process();
    if (process == null) {
      throw new IllegalStateException("the configuration of " + this + " has no process");
    }
    return process;
  }

  /** The configuration create kept, or for a container of an older create the bundle's. */
  private Spec spec() {
    Path copy = directory().resolve(ContainerCreation.CONFIG_COPY);
    if (Files.exists(copy)) {
      return OciJson.readSpec(copy);
    }
    return OciJson.readSpec(Path.of(record().state().bundle()).resolve("config.json"));
  }

  @Override
  public ExecProcess exec(ProcessConfig process, ExecOptions options) {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(options, "options");
    Spec spec = spec();
    ProcessConfig complete = ContainerExec.withDefaults(process, processOf(spec));
    Fd initPidfd;
    Set<NamespaceType> namespaces;
    Optional<CgroupPath> cgroupPath;
    try (ContainerLock lock = context.store().lock(id)) {
      ContainerRecord record = record();
      cgroupPath = record.cgroup();
      checkExec(status(record), options.ignorePaused());
      ProcessIdentity init = record.init().orElseThrow();
      initPidfd = openInit(init);
      try {
        namespaces = JoinableNamespaces.of(init.pid());
        if (!init.isAlive()) {
          throw stoppedForExec();
        }
      } catch (RuntimeException e) {
        initPidfd.close();
        throw e;
      }
    }
    try (initPidfd) {
      return new ContainerExec(context, id.value(), initPidfd, namespaces, cgroupPath, complete,
          spec.linux(), options)
          .run();
    } catch (InvalidConfigException | ContainerStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ContainerException("executing in", id.value(), e);
    }
  }

  /** runc's checks and words: a stopped container never, a paused one only if asked. */
  private void checkExec(Status status, boolean ignorePaused) {
    if (status == Status.STOPPED) {
      throw stoppedForExec();
    }
    if (status == Status.PAUSED) {
      if (!ignorePaused) {
        throw new ContainerStateException("cannot exec in a paused container (use"
            + " --ignore-paused to override)");
      }
      return;
    }
    Operation.EXEC.check(id, status);
  }

  private static ContainerStateException stoppedForExec() {
    return new ContainerStateException("cannot exec in a stopped container");
  }

  /** A pidfd of the stored init; a pid no longer there is a stopped container. */
  private Fd openInit(ProcessIdentity init) {
    try {
      return context.host().pidfdOpen(init.pid());
    } catch (SyscallException e) {
      if (e.is(Errno.ESRCH)) {
        throw stoppedForExec();
      }
      throw e;
    }
  }

  @Override
  public OutputStream stdin() {
    return piped(live == null ? null : live.stdio().stdin(), "stdin");
  }

  @Override
  public InputStream stdout() {
    return piped(live == null ? null : live.stdio().stdout(), "stdout");
  }

  @Override
  public InputStream stderr() {
    return piped(live == null ? null : live.stdio().stderr(), "stderr");
  }

  private <T> T piped(T stream, String name) {
    if (stream == null) {
      throw new IllegalStateException("container " + id + " has no " + name
          + " pipe: it was not created here with Stdio.Redirect.ToPipe");
    }
    return stream;
  }

  @Override
  public void close() {
    try (LiveInit ends = live) {
      if (context.store().exists(id)) {
        delete(true);
      }
    }
  }

  @Override
  public String toString() {
    return "container " + id;
  }
}
