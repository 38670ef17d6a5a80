package io.capsa.rootfs;

import static io.capsa.oci.linux.NamespaceType.IPC;
import static io.capsa.oci.linux.NamespaceType.MOUNT;
import static io.capsa.oci.linux.NamespaceType.NETWORK;
import static io.capsa.oci.linux.NamespaceType.PID;
import static io.capsa.oci.linux.NamespaceType.UTS;

import io.capsa.oci.Capabilities;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.User;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.schema.UnknownFields;
import io.capsa.rootfs.SandboxOptions.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The config.json of a sandbox and what its rootfs directory must hold, computed from the options
 * and the host view without touching the filesystem; {@link SandboxBundle} writes both.
 *
 * <p>Besides the mounts (see {@link HostViewRootfs} for what the host shows): a read-only root
 * (unless asked otherwise), new pid, ipc, uts and mount namespaces and a new network namespace
 * unless the host's network is asked for, no_new_privs, every capability set empty (untrusted
 * code gets no privilege, and root inside is an ordinary user to the kernel), no supplementary
 * groups, runc's default RLIMIT_NOFILE of 1024, and runc's masked and read-only /proc paths. The
 * environment starts from PATH, {@code TERM=xterm} (as runc spec writes it) and {@code HOME=/tmp}
 * (the only writable directory the sandbox surely has), which the caller's entries override.
 * Capsa writes /etc/hostname, and without the host's network an /etc/hosts that names localhost
 * and the sandbox; both are read-only with the root.
 */
public final class SandboxPlan {
  /** The annotation by which the runtime runs the command under its PID-1 reaper. */
  public static final String REAPER_ANNOTATION = "io.capsa.reaper";
  /** The rootfs directory, relative to the bundle. */
  public static final String ROOTFS = "rootfs";
  public static final List<String> DEFAULT_ENV = List.of(
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm",
      "HOME=/tmp");

  private static final Rlimit OPEN_FILES = new Rlimit("RLIMIT_NOFILE", 1024, 1024);
  private static final Capabilities NO_CAPABILITIES =
      new Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());

  private final Spec spec;
  private final RootfsLayout layout;

  private SandboxPlan(Spec spec, RootfsLayout layout) {
    this.spec = spec;
    this.layout = layout;
  }

  /** {@link #of(SandboxOptions, Path)} on this host. */
  public static SandboxPlan of(SandboxOptions options) {
    return of(options, Path.of("/"));
  }

  /**
   * The plan for {@code options} over the {@link HostViewRootfs} of the tree at {@code hostRoot},
   * taken as the host's {@code /}.
   *
   * @throws IllegalArgumentException when a volume cannot be mounted: its source is gone, or its
   *     mount point would have to be created in a host directory
   */
  public static SandboxPlan of(SandboxOptions options, Path hostRoot) {
    HostViewRootfs view = HostViewRootfs.scan(hostRoot, options.network());
    RootfsLayout layout = new RootfsLayout();
    layout.file(Path.of("/etc/hostname"), options.hostname() + "\n");
    if (options.network() == Network.NONE) {
      layout.file(Path.of("/etc/hosts"), hosts(options.hostname()));
    }
    Spec spec = Spec.builder()
        .process(process(options))
        .root(new Root(ROOTFS, options.readOnlyRoot()))
        .hostname(options.hostname())
        .mounts(SandboxMounts.plan(options, view, layout))
        .annotations(options.reaper() ? Map.of(REAPER_ANNOTATION, "true") : null)
        .linux(linux(options))
        .build();
    return new SandboxPlan(spec, layout);
  }

  public Spec spec() {
    return spec;
  }

  RootfsLayout layout() {
    return layout;
  }

  private static String hosts(String hostname) {
    return "127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "127.0.1.1\t" + hostname + "\n";
  }

  private static ProcessConfig process(SandboxOptions options) {
    return ProcessConfig.builder()
        .terminal(options.terminal() ? Boolean.TRUE : null)
        .consoleSize(options.terminal() ? options.consoleSize().orElse(null) : null)
        .user(new User(options.uid(), options.gid(), null, List.of(), null, UnknownFields.none()))
        .args(options.command())
        .env(environment(options.env()))
        .cwd(options.cwd())
        .capabilities(NO_CAPABILITIES)
        .rlimits(List.of(OPEN_FILES))
        .noNewPrivileges(true)
        .build();
  }

  /** The defaults, then the caller's entries; an entry for a key already there takes its place. */
  private static List<String> environment(List<String> given) {
    Map<String, String> byKey = new LinkedHashMap<>();
    Stream.concat(DEFAULT_ENV.stream(), given.stream())
        .forEach(entry -> byKey.put(entry.substring(0, entry.indexOf('=')), entry));
    return List.copyOf(byKey.values());
  }

  private static Linux linux(SandboxOptions options) {
    List<Namespace> namespaces = new ArrayList<>();
    for (NamespaceType type : List.of(PID, NETWORK, IPC, UTS, MOUNT)) {
      if (type != NETWORK || options.network() == Network.NONE) {
        namespaces.add(new Namespace(type));
      }
    }
    Linux runc = Spec.example().linux();
    return Linux.builder()
        .namespaces(namespaces)
        .resources(resources(options))
        // The sandbox has no /sys: runc's masks there would only be skipped.
        .maskedPaths(runc.maskedPaths().stream().filter(path -> !path.startsWith("/sys/"))
            .toList())
        .readonlyPaths(runc.readonlyPaths())
        .build();
  }

  /** Only the limits asked for; none at all is an absent resources member. */
  private static Resources resources(SandboxOptions options) {
    if (options.memoryLimit().isEmpty() && options.pidsLimit().isEmpty()) {
      return null;
    }
    Resources.Builder resources = Resources.builder();
    options.memoryLimit().ifPresent(
        bytes -> resources.memory(Memory.builder().limit(bytes).build()));
    options.pidsLimit().ifPresent(tasks -> resources.pids(new Pids(tasks)));
    return resources.build();
  }
}
