package io.capsa.runtime;

import io.capsa.init.InitProgram;
import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import io.capsa.oci.State;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import io.capsa.runtime.cgroups.CgroupManager;
import io.capsa.runtime.cgroups.MissingControllersException;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.runtime.hooks.HostHookRunner;
import io.capsa.runtime.state.ContainerId;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.runtime.state.StateStore;
import io.capsa.sys.Arch;
import io.capsa.sys.HostSyscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The entry point for embedding Capsa: creates, runs and finds containers under one state root
 * ({@code /run/capsa} unless configured). Immutable and thread-safe; one instance per root is
 * enough for a whole application.
 *
 * <pre>{@code
 * ContainerRuntime runtime = ContainerRuntime.builder().build();
 * ExitStatus status = runtime.run("web", Path.of("/srv/bundles/web"), CreateOptions.defaults());
 * }</pre>
 *
 * <p>The library never prints and never exits the JVM: it logs through {@link System.Logger}
 * ("io.capsa.runtime") and throws {@link InvalidConfigException} for a configuration it refuses
 * before touching anything, {@link MissingControllersException} for resource limits this host's
 * cgroup v2 hierarchy cannot enforce, {@link ContainerStateException} for an operation the
 * container's
 * status does not allow, and {@link ContainerException} for a failure on the way, naming the
 * step, system call, errno and path.
 */
public final class ContainerRuntime {
  private final StateStore store;
  private final boolean ignoreResourceLimits;
  private final ContainerRegistry registry = new ContainerRegistry();

  private ContainerRuntime(Path root, boolean ignoreResourceLimits) {
    this.store = new StateStore(root);
    this.ignoreResourceLimits = ignoreResourceLimits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The state root: one directory per container. */
  public Path root() {
    return store.root();
  }

  /** Whether containers' cgroups are made without their resource limits. */
  public boolean ignoresResourceLimits() {
    return ignoreResourceLimits;
  }

  /** The host side is loaded on first use, so that {@link #explain} works without it. */
  private RuntimeContext context(CgroupHierarchy cgroups) {
    HostSyscalls host = HostSyscalls.get();
    return new RuntimeContext(store, host, new HostHookRunner(host), registry,
        new CgroupManager(host, cgroups, CgroupManager.DEFAULT_WAIT_LIMIT), ignoreResourceLimits);
  }

  private RuntimeContext context() {
    return context(CgroupHierarchy.ofThisProcess());
  }

  public Container create(String id, Path bundle) {
    return create(id, bundle, CreateOptions.defaults());
  }

  /**
   * Creates the container of the bundle at {@code bundle} ({@code config.json} and its root
   * filesystem) with id {@code id}: on return its init waits for {@link Container#start()}.
   * Nothing is left behind when this throws.
   *
   * @throws MissingControllersException before anything is made, when the configuration asks
   *     for limits whose controllers the host's cgroup v2 hierarchy lacks and this runtime does
   *     not ignore resource limits
   */
  public Container create(String id, Path bundle, CreateOptions options) {
    CgroupHierarchy cgroups = CgroupHierarchy.ofThisProcess();
    ContainerConfig config = configure(id, bundle, options, cgroups);
    RuntimeContext context = context(cgroups);
    context.cgroups().checkControllers(config.cgroupSettings());
    ChildFds fds = ChildFds.layout(options, config.namespaces().joined());
    InitProgram program = generate(config, fds);
    try {
      return new ContainerCreation(context, config, program, fds).run();
    } catch (ContainerStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ContainerException("creating", id, e);
    }
  }

  /**
   * Creates, starts and waits for the container, then deletes it: runc's {@code run}, for a
   * process whose stdio is inherited or in files (nothing reads pipes here).
   *
   * @throws InterruptedException when interrupted while the container runs; it is killed and
   *     deleted first
   */
  public ExitStatus run(String id, Path bundle, CreateOptions options)
      throws InterruptedException {
    try (Container container = create(id, bundle, options)) {
      container.start();
      try {
        return container.exit().get();
      } catch (ExecutionException e) {
        throw new ContainerException("waiting for", id, e.getCause());
      }
    }
  }

  /** The container {@code id}: the handle of this runtime that created it, or a new one. */
  public Container load(String id) {
    ContainerId containerId = new ContainerId(id);
    return registry.find(id).<Container>map(handle -> handle)
        .orElseGet(() -> ContainerHandle.loaded(context(), containerId));
  }

  /** The state of every container under the root, by id. */
  public List<State> list() {
    List<State> states = new ArrayList<>();
    for (ContainerId id : store.list()) {
      try {
        states.add(load(id.value()).state());
      } catch (ContainerStateException e) {
        // deleted between the listing and the read
      }
    }
    return states;
  }

  /**
   * The init program create would run for the bundle, without running it or changing anything
   * on the system: a dry run. {@link InitProgram#render()} shows it op by op.
   */
  public InitProgram explain(String id, Path bundle, CreateOptions options) {
    ContainerConfig config = configure(id, bundle, options, CgroupHierarchy.ofThisProcess());
    return generate(config, ChildFds.layout(options, config.namespaces().joined()));
  }

  private ContainerConfig configure(String id, Path bundle, CreateOptions options,
      CgroupHierarchy cgroups) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(options, "options");
    ContainerId containerId = new ContainerId(id);
    Spec spec = OciJson.readSpec(bundle.resolve("config.json"));
    if (!options.notifySocket()) {
      return ContainerConfig.from(containerId, bundle, spec, options, cgroups,
          ignoreResourceLimits);
    }
    NotifyDirectory notify = NotifyDirectory.of(store.directory(containerId));
    return ContainerConfig.from(containerId, bundle, notify.addTo(spec), options, cgroups,
        ignoreResourceLimits, Set.of(notify.path()));
  }

  private InitProgram generate(ContainerConfig config, ChildFds fds) {
    Path fifo = ExecFifo.of(store.directory(config.id()));
    return new ProgramGenerator(Arch.current())
        .generate(config, fds, fifo, StateDocuments.maxSize(config));
  }

  /** Builds a {@link ContainerRuntime}. */
  public static final class Builder {
    private Path root = StateStore.DEFAULT_ROOT;
    private boolean ignoreResourceLimits;

    private Builder() {}

    /** The state root, created on first use (default /run/capsa). */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Makes every container's cgroup without writing its resource limits, at create and at
     * update (like crun's {@code --cgroup-manager disabled} for limits): for a host whose
     * cgroup v2 hierarchy lacks the controllers a configuration asks for. The cgroup, its
     * device filter, pause and resume, kill of all processes and the process list still work.
     * Off by default: such a configuration then fails at create, naming the controller.
     */
    public Builder ignoreResourceLimits(boolean ignore) {
      this.ignoreResourceLimits = ignore;
      return this;
    }

    public ContainerRuntime build() {
      return new ContainerRuntime(root, ignoreResourceLimits);
    }
  }
}
