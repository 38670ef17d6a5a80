package io.capsa.runtime.cgroups;

import io.capsa.sys.Errno;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes and finds containers' cgroups in the host's cgroup v2 hierarchy (runc's cgroupfs
 * driver for cgroup v2, without systemd).
 *
 * <p>{@link #create} makes the cgroup before the container's init exists, so that the init is
 * born in it (clone3 with CLONE_INTO_CGROUP and {@link Cgroup#openForClone}): each missing
 * directory on the way is made, each parent passes on the controllers the limits need
 * (cgroup.subtree_control), then the limits are written and the device filter attached. A
 * cgroup that already exists is taken over only while nothing runs in it.
 */
public final class CgroupManager {
  private static final System.Logger LOG = System.getLogger(CgroupManager.class.getName());
  /** How long freezing, thawing and emptying a cgroup may take; runc waits as long. */
  public static final Duration DEFAULT_WAIT_LIMIT = Duration.ofSeconds(10);

  private final HostSyscalls host;
  private final CgroupHierarchy hierarchy;
  private final Duration waitLimit;

  public CgroupManager(HostSyscalls host, CgroupHierarchy hierarchy, Duration waitLimit) {
    this.host = host;
    this.hierarchy = hierarchy;
    this.waitLimit = waitLimit;
  }

  /** The manager of this host's hierarchy, as this process sees it. */
  public static CgroupManager forThisHost() {
    return new CgroupManager(HostSyscalls.get(), CgroupHierarchy.ofThisProcess(),
        DEFAULT_WAIT_LIMIT);
  }

  public CgroupHierarchy hierarchy() {
    return hierarchy;
  }

  Duration waitLimit() {
    return waitLimit;
  }

  /**
   * Fails unless the hierarchy has every controller the settings need, naming each missing
   * one, what in the config needs it, and what the host's layout means for it. Call it with
   * the other checks of a create, before anything is touched; {@link #create} calls it too.
   *
   * @throws MissingControllersException when a controller is missing
   */
  public void checkControllers(CgroupSettings settings) {
    Set<String> required = settings.requiredControllers();
    if (required.isEmpty()) {
      return;
    }
    Set<String> available;
    try (CgroupDirectory root = openRoot()) {
      available = words(root.read("cgroup.controllers"));
    }
    List<String> missing = required.stream().filter(controller -> !available.contains(controller))
        .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new MissingControllersException(
          missingMessage(missing, available, settings.limits()), missing);
    }
  }

  /** The way out, named for both kinds of caller: the CLI's users and the library's. */
  private static final String IGNORE_LIMITS = "ignore resource limits (capsa"
      + " --ignore-resource-limits, ContainerRuntime.Builder.ignoreResourceLimits)";

  private String missingMessage(List<String> missing, Set<String> available,
      CgroupLimits limits) {
    String names = missing.stream()
        .map(controller -> "\"" + controller + "\" (needed by "
            + limits.firstNeeding(controller).map(CgroupWrite::source).orElse("the config") + ")")
        .collect(Collectors.joining(", "));
    return (missing.size() == 1 ? "cgroup controller " + names + " is" :
        "cgroup controllers " + names + " are")
        + " not available in the cgroup v2 hierarchy at " + hierarchy.mountPoint()
        + " (available: " + (available.isEmpty() ? "none" : String.join(" ", available)) + "); "
        + (hierarchy.hybrid()
            ? "this host mounts cgroups in the hybrid v1/v2 layout — run on a pure cgroup v2 "
                + "host, or " + IGNORE_LIMITS
            : "enable " + (missing.size() == 1 ? "it" : "them") + " in the cgroup.subtree_control"
                + " of the cgroups above, or " + IGNORE_LIMITS);
  }

  /**
   * Makes the container's cgroup with its settings applied. Anything this made is removed
   * again when a later step fails.
   *
   * @throws MissingControllersException when the host lacks a controller the limits need
   * @throws CgroupException when the cgroup exists and something runs in it, or a step fails
   */
  public Cgroup create(CgroupPath path, CgroupSettings settings) {
    checkControllers(settings);
    List<String> created = new ArrayList<>();
    CgroupDirectory directory = null;
    try {
      directory = makeDirectories(path, settings.requiredControllers(), created);
      if (!settings.ignoreResourceLimits()) {
        LimitWriter.apply(directory, settings.limits());
      }
      CgroupDirectory made = directory;
      settings.devices().ifPresent(rules -> DeviceFilterInstaller.install(host, made, rules));
      return new Cgroup(host, this, path, directory);
    } catch (RuntimeException e) {
      if (directory != null) {
        directory.close();
      }
      RuntimeException failure = e instanceof SyscallException
          ? new CgroupException("cannot create cgroup " + path + " under "
              + hierarchy.mountPoint() + ": " + e.getMessage(), e)
          : e;
      removeCreated(created, failure);
      throw failure;
    }
  }

  /** Walks down from the root: enable controllers in each parent, make what is missing. */
  private CgroupDirectory makeDirectories(CgroupPath path, Set<String> controllers,
      List<String> created) {
    List<String> names = path.names();
    CgroupDirectory parent = openRoot();
    try {
      String relative = "";
      for (int i = 0; i < names.size(); i++) {
        enable(parent, controllers);
        relative = relative.isEmpty() ? names.get(i) : relative + "/" + names.get(i);
        boolean made = mkdir(parent, names.get(i));
        if (made) {
          created.add(relative);
        }
        CgroupDirectory child = parent.open(names.get(i));
        parent.close();
        parent = child;
        if (!made && i == names.size() - 1) {
          takeOver(parent, path);
        }
      }
      return parent;
    } catch (RuntimeException e) {
      parent.close();
      throw e;
    }
  }

  private static boolean mkdir(CgroupDirectory parent, String name) {
    try {
      parent.mkdir(name);
      return true;
    } catch (SyscallException e) {
      if (e.is(Errno.EEXIST)) {
        return false;
      }
      throw new CgroupException("cannot make cgroup " + parent.path().resolve(name) + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * An existing cgroup becomes the container's only when nothing runs in it (as runc checks)
   * and it passes no controllers on (its processes would have to live in a child).
   */
  private void takeOver(CgroupDirectory cgroup, CgroupPath path) {
    Map<String, Long> events = CgroupFiles.flatKeyed(cgroup.read("cgroup.events"));
    if (events.getOrDefault("populated", 0L) == 1) {
      throw new CgroupException("cgroup " + path + " (" + cgroup.path() + ") already exists and "
          + "has processes in it, so it is not this container's; choose another "
          + "linux.cgroupsPath, or remove the processes and the cgroup");
    }
    String subtree = cgroup.read("cgroup.subtree_control").strip();
    if (!subtree.isEmpty()) {
      throw new CgroupException("cgroup " + path + " (" + cgroup.path() + ") already exists and "
          + "passes controllers to cgroups below it (cgroup.subtree_control: " + subtree
          + "), so no process can live in it; choose another linux.cgroupsPath");
    }
    if (events.getOrDefault("frozen", 0L) == 1) {
      cgroup.write("cgroup.freeze", "0");
    }
    LOG.log(System.Logger.Level.DEBUG, "taking over the existing empty cgroup {0}", path);
  }

  /**
   * Makes sure every parent of {@code path} passes {@code controllers} on, for an update that
   * needs a controller the create did not.
   */
  void enableControllers(CgroupPath path, Set<String> controllers) {
    if (controllers.isEmpty()) {
      return;
    }
    List<String> names = path.names();
    CgroupDirectory parent = openRoot();
    try {
      for (int i = 0; i < names.size(); i++) {
        enable(parent, controllers);
        CgroupDirectory child = parent.open(names.get(i));
        parent.close();
        parent = child;
      }
    } finally {
      parent.close();
    }
  }

  /** Adds the controllers {@code parent} does not pass on yet to its cgroup.subtree_control. */
  private static void enable(CgroupDirectory parent, Set<String> controllers) {
    if (controllers.isEmpty()) {
      return;
    }
    Set<String> missing = new TreeSet<>(controllers);
    missing.removeAll(words(parent.read("cgroup.subtree_control")));
    if (missing.isEmpty()) {
      return;
    }
    String change = missing.stream().map(controller -> "+" + controller)
        .collect(Collectors.joining(" "));
    try {
      parent.write("cgroup.subtree_control", change);
    } catch (SyscallException e) {
      throw new CgroupException("cannot enable " + String.join(" ", missing) + " for the cgroups"
          + " below " + parent.path() + " (cgroup.subtree_control \"" + change + "\"): "
          + e.getMessage() + (e.is(Errno.EBUSY) ? "; that cgroup has processes of its own, and"
          + " a cgroup with processes cannot pass controllers on" : ""), e);
    }
  }

  /** Undoes the directories a failed create made, deepest first; failures stay suppressed. */
  private void removeCreated(List<String> created, RuntimeException failure) {
    if (created.isEmpty()) {
      return;
    }
    List<String> deepestFirst = new ArrayList<>(created);
    Collections.reverse(deepestFirst);
    try (CgroupDirectory root = openRoot()) {
      for (String relative : deepestFirst) {
        try {
          root.rmdir(relative);
        } catch (SyscallException e) {
          failure.addSuppressed(e);
        }
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The container's existing cgroup, for the commands after create.
   *
   * @throws CgroupException when it does not exist
   */
  public Cgroup open(CgroupPath path) {
    return openIfExists(path).orElseThrow(() -> new CgroupException("cgroup " + path
        + " does not exist under " + hierarchy.mountPoint()));
  }

  /** The container's cgroup, or empty when it is gone (a delete run twice). */
  public Optional<Cgroup> openIfExists(CgroupPath path) {
    try (CgroupDirectory root = openRoot()) {
      return root.openIfExists(path.relative())
          .map(directory -> new Cgroup(host, this, path, directory));
    }
  }

  CgroupDirectory openParent(CgroupPath path) {
    List<String> names = path.names();
    CgroupDirectory root = openRoot();
    if (names.size() == 1) {
      return root;
    }
    try (root) {
      return root.open(String.join("/", names.subList(0, names.size() - 1)));
    }
  }

  private CgroupDirectory openRoot() {
    return CgroupDirectory.openRoot(host, hierarchy.mountPoint());
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+"))
        .filter(word -> !word.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
