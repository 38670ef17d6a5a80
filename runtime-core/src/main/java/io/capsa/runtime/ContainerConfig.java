package io.capsa.runtime;

import io.capsa.oci.Spec;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import io.capsa.runtime.cgroups.CgroupPath;
import io.capsa.runtime.cgroups.CgroupSettings;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.runtime.hooks.ContainerHooks;
import io.capsa.runtime.namespaces.ContainerNamespaces;
import io.capsa.runtime.namespaces.NamespaceConversion;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.state.ContainerId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the runtime acts on to create one container, converted from its {@link Spec} and
 * {@link CreateOptions} and validated as a whole before anything on the system changes: one
 * {@link InvalidConfigException} lists every problem with its JSON path. Immutable.
 */
public final class ContainerConfig {
  /** The annotation that asks for the PID-1 reaper ("true"), for callers of the command line. */
  public static final String REAPER_ANNOTATION = "io.capsa.reaper";

  private final ContainerId id;
  private final Path bundle;
  private final Spec spec;
  private final ContainerPlans plans;
  private final ContainerNamespaces namespaces;
  private final ContainerHooks hooks;
  private final CreateOptions options;
  private final boolean reaper;
  private final CgroupPath cgroupPath;
  private final CgroupSettings cgroupSettings;

  private ContainerConfig(ContainerId id, Path bundle, Spec spec, ContainerPlans plans,
      ContainerNamespaces namespaces, ContainerHooks hooks, CreateOptions options,
      boolean reaper, CgroupPath cgroupPath, CgroupSettings cgroupSettings) {
    this.id = id;
    this.bundle = bundle;
    this.spec = spec;
    this.plans = plans;
    this.namespaces = namespaces;
    this.hooks = hooks;
    this.options = options;
    this.reaper = reaper;
    this.cgroupPath = cgroupPath;
    this.cgroupSettings = cgroupSettings;
  }

  /**
   * Converts and validates; reads nothing but what the kernel supports.
   *
   * @param cgroups the host's cgroup v2 hierarchy, from whose runtime cgroup a relative
   *     {@code linux.cgroupsPath} starts
   * @param ignoreResourceLimits the runtime's choice to make the cgroup without its limits
   * @throws InvalidConfigException naming every problem
   */
  public static ContainerConfig from(ContainerId id, Path bundle, Spec spec,
      CreateOptions options, CgroupHierarchy cgroups, boolean ignoreResourceLimits) {
    return from(id, bundle, spec, options, cgroups, ignoreResourceLimits, Set.of());
  }

  /**
   * As create converts: its bind mounts may name the directories of {@code madeByCreate}, which
   * create makes in the state directory before the init mounts anything.
   */
  static ContainerConfig from(ContainerId id, Path bundle, Spec spec, CreateOptions options,
      CgroupHierarchy cgroups, boolean ignoreResourceLimits, Set<Path> madeByCreate) {
    return from(id, bundle, spec, options, cgroups, ignoreResourceLimits,
        new NamespaceConversion(), KernelFeatures.detect(), madeByCreate);
  }

  /** With what the kernel offers given, for tests that must not depend on the host. */
  static ContainerConfig from(ContainerId id, Path bundle, Spec spec, CreateOptions options,
      CgroupHierarchy cgroups, boolean ignoreResourceLimits,
      NamespaceConversion namespaceConversion, KernelFeatures kernel) {
    return from(id, bundle, spec, options, cgroups, ignoreResourceLimits, namespaceConversion,
        kernel, Set.of());
  }

  private static ContainerConfig from(ContainerId id, Path bundle, Spec bundleSpec,
      CreateOptions options, CgroupHierarchy cgroups, boolean ignoreResourceLimits,
      NamespaceConversion namespaceConversion, KernelFeatures kernel, Set<Path> madeByCreate) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bundleSpec, "spec");
    Objects.requireNonNull(options, "options");
    Spec spec = withEnvironment(bundleSpec, options.environment());
    Path absoluteBundle = bundle.toAbsolutePath().normalize();
    ConfigProblems problems = new ConfigProblems();
    ContainerNamespaces namespaces = namespaceConversion.convert(spec, problems);
    ContainerHooks hooks = ContainerHooks.from(spec.hooks(), problems);
    ContainerPlans plans = ContainerPlans.convert(spec, absoluteBundle, namespaces, options,
        kernel, madeByCreate, problems);
    boolean reaper = options.reaper() || reaperAnnotation(spec, problems);
    CgroupPath cgroupPath = CgroupPath.forContainer(
        spec.linux() == null ? null : spec.linux().cgroupsPath(), id.value(), cgroups.ownCgroup(),
        problems);
    CgroupSettings cgroupSettings =
        CgroupSettings.forContainer(spec.linux(), ignoreResourceLimits, problems);
    UnsupportedSettings.check(spec, problems);
    problems.throwIfAny();
    return new ContainerConfig(id, absoluteBundle, spec, plans, namespaces, hooks, options,
        reaper, cgroupPath, cgroupSettings);
  }

  /** The spec with {@code added} after its process.env: what the process, hooks and state see. */
  private static Spec withEnvironment(Spec spec, List<String> added) {
    if (added.isEmpty() || spec.process() == null) {
      return spec;
    }
    List<String> env = new ArrayList<>();
    if (spec.process().env() != null) {
      env.addAll(spec.process().env());
    }
    env.addAll(added);
    return spec.toBuilder().process(spec.process().toBuilder().env(env).build()).build();
  }

  private static boolean reaperAnnotation(Spec spec, ConfigProblems problems) {
    String value = annotations(spec).get(REAPER_ANNOTATION);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (!value.equals("true")) {
      problems.add("$.annotations['" + REAPER_ANNOTATION + "']",
          "must be \"true\" or \"false\", was \"" + value + "\"");
    }
    return true;
  }

  private static Map<String, String> annotations(Spec spec) {
    return spec.annotations() == null ? Map.of() : spec.annotations();
  }

  public ContainerId id() {
    return id;
  }

  /** The bundle directory, absolute. */
  public Path bundle() {
    return bundle;
  }

  public Spec spec() {
    return spec;
  }

  ContainerPlans plans() {
    return plans;
  }

  public ContainerNamespaces namespaces() {
    return namespaces;
  }

  public ContainerHooks hooks() {
    return hooks;
  }

  public Map<String, String> annotations() {
    return annotations(spec);
  }

  public CreateOptions options() {
    return options;
  }

  /** Whether capsa-init stays PID 1 as a reaper (the option or the annotation). */
  public boolean reaper() {
    return reaper;
  }

  public Optional<String> hostname() {
    return Optional.ofNullable(spec.hostname()).filter(name -> !name.isEmpty());
  }

  public Optional<String> domainname() {
    return Optional.ofNullable(spec.domainname()).filter(name -> !name.isEmpty());
  }

  /** Where the container's cgroup is in the host's cgroup v2 hierarchy. */
  public CgroupPath cgroupPath() {
    return cgroupPath;
  }

  /** The limits and device rules of the container's cgroup. */
  public CgroupSettings cgroupSettings() {
    return cgroupSettings;
  }

  /** The root filesystem on the host, as the state document reports it. */
  public Path rootfs() {
    return plans.rootfs();
  }
}
