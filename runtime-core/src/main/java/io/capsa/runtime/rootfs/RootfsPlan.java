package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.IdMapping;
import io.capsa.oci.Mount;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.RootfsPropagation;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.rootfs.PlannedMount.Kind;
import io.capsa.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The container's root filesystem as config.json describes it (root, mounts, linux.devices,
 * maskedPaths, readonlyPaths, rootfsPropagation, sysctl, mountLabel), checked and turned into
 * the ops of two steps of the init program: {@link #emitMounts} builds the tree in the new
 * mount namespace, {@link #emitPivot} makes it the root and {@link #emitLockdown} locks it down.
 * Immutable.
 *
 * <p>Every path inside the rootfs is resolved from an fd of the rootfs root with openat2
 * (RESOLVE_IN_ROOT), created with *at calls relative to fds, and mounted onto with the fd-based
 * mount API; no host path is ever joined with a container path.
 */
public final class RootfsPlan {
  private static final ContainerPath DEV = ContainerPath.of("/dev");
  /** runc's propagation of / in the container when rootfsPropagation is absent. */
  private static final Propagation DEFAULT_ROOT_PROPAGATION =
      new Propagation(Propagation.Type.SLAVE, true);
  /** The umask runc leaves when the rootfs is done; a configured one is set after this. */
  private static final int PROCESS_UMASK = 022;

  private final Path rootfs;
  private final boolean readonly;
  private final Propagation rootPropagation;
  private final List<PlannedMount> mounts;
  private final List<DeviceNode> devices;
  private final List<ContainerPath> maskedPaths;
  private final List<ContainerPath> readonlyPaths;
  private final List<Sysctl> sysctls;
  private final String selinuxLabel;
  private final RootfsHost host;

  private RootfsPlan(Path rootfs, boolean readonly, Propagation rootPropagation,
      List<PlannedMount> mounts, List<DeviceNode> devices, List<ContainerPath> maskedPaths,
      List<ContainerPath> readonlyPaths, List<Sysctl> sysctls, String selinuxLabel,
      RootfsHost host) {
    this.rootfs = rootfs;
    this.readonly = readonly;
    this.rootPropagation = rootPropagation;
    this.mounts = List.copyOf(mounts);
    this.devices = List.copyOf(devices);
    this.maskedPaths = List.copyOf(maskedPaths);
    this.readonlyPaths = List.copyOf(readonlyPaths);
    this.sysctls = List.copyOf(sysctls);
    this.selinuxLabel = selinuxLabel;
    this.host = host;
  }

  /** The mount options config.json may use, sorted: what features.json reports. */
  public static List<String> knownMountOptions() {
    return List.copyOf(MountOptions.knownNames());
  }

  /** {@link #from(Spec, Path, RootfsHost, ConfigProblems)} on this host. */
  public static RootfsPlan from(Spec spec, Path bundle, ConfigProblems problems) {
    return from(spec, bundle, RootfsHost.current(), problems);
  }

  /**
   * Checks the root filesystem part of {@code spec}, whose bundle directory is {@code bundle},
   * adding a problem with its JSON path to {@code problems} for everything wrong. The plan is
   * only meant to be emitted when no problem was added.
   */
  public static RootfsPlan from(Spec spec, Path bundle, RootfsHost host,
      ConfigProblems problems) {
    return from(spec, bundle, host, Set.of(), problems);
  }

  /**
   * {@link #from(Spec, Path, RootfsHost, ConfigProblems)} where bind mounts may name the
   * directories of {@code madeByCreate}, which create makes before the init mounts anything.
   */
  public static RootfsPlan from(Spec spec, Path bundle, RootfsHost host, Set<Path> madeByCreate,
      ConfigProblems problems) {
    Linux linux = spec.linux() != null ? spec.linux() : Linux.builder().build();
    Set<NamespaceType> namespaces = EnumSet.noneOf(NamespaceType.class);
    OrEmpty.list(linux.namespaces()).stream().map(Namespace::type).forEach(namespaces::add);
    if (!namespaces.contains(NamespaceType.MOUNT)) {
      problems.add("$.linux.namespaces", "the root filesystem is set up in the container's "
          + "own mount namespace: a namespace of type mount is required");
    }
    Path rootfs = rootfs(spec.root(), bundle, problems);
    MountPlanner planner = new MountPlanner(bundle, madeByCreate, problems);
    List<PlannedMount> mounts = new ArrayList<>();
    List<Mount> configured = OrEmpty.list(spec.mounts());
    for (int i = 0; i < configured.size(); i++) {
      planner.plan(configured.get(i), i).ifPresent(mounts::add);
    }
    if (linux.mountLabel() != null && !host.selinuxEnabled()) {
      problems.add("$.linux.mountLabel",
          "SELinux is not enabled on this host, so the mount label cannot be applied");
    }
    boolean readonly = spec.root() != null && Boolean.TRUE.equals(spec.root().readonly());
    RootfsPropagation configuredPropagation = linux.rootfsPropagation();
    Propagation rootPropagation = configuredPropagation == null ? DEFAULT_ROOT_PROPAGATION
        : new Propagation(Propagation.Type.valueOf(configuredPropagation.name()), false);
    List<DeviceNode> devices = DeviceNode.plan(OrEmpty.list(linux.devices()), problems);
    List<ContainerPath> maskedPaths =
        paths(OrEmpty.list(linux.maskedPaths()), "$.linux.maskedPaths", problems);
    List<ContainerPath> readonlyPaths =
        paths(OrEmpty.list(linux.readonlyPaths()), "$.linux.readonlyPaths", problems);
    List<Sysctl> sysctls = Sysctl.plan(OrEmpty.map(linux.sysctl()), namespaces, problems);
    return new RootfsPlan(rootfs, readonly, rootPropagation, mounts, devices, maskedPaths,
        readonlyPaths, sysctls, linux.mountLabel(), host);
  }

  /** The absolute, symlink-free rootfs directory; a relative root.path is in the bundle. */
  private static Path rootfs(Root root, Path bundle, ConfigProblems problems) {
    if (root == null) {
      problems.add("$.root", "required: the container needs a root filesystem");
      return null;
    }
    if (root.path().indexOf('\0') >= 0) {
      problems.add("$.root.path", "must not contain a NUL character");
      return null;
    }
    Path path = bundle.resolve(root.path()).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      problems.add("$.root.path", path + (Files.exists(path) ? " is not a directory"
          : " does not exist"));
      return null;
    }
    try {
      return path.toRealPath();
    } catch (IOException e) {
      problems.add("$.root.path", "cannot resolve " + path + ": " + e.getMessage());
      return null;
    }
  }

  private static List<ContainerPath> paths(List<String> raw, String at,
      ConfigProblems problems) {
    List<ContainerPath> paths = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Optional<ContainerPath> path = ContainerPath.parse(raw.get(i));
      if (path.isEmpty() || path.get().isRoot()) {
        problems.add(at + "[" + i + "]", "must be an absolute path below /, was \"" + raw.get(i)
            + "\"");
      } else {
        paths.add(path.get());
      }
    }
    return paths;
  }

  /** The absolute host path of the rootfs directory. */
  public Path rootfs() {
    return rootfs;
  }

  /**
   * The id-mapped mounts, each needing the fd of a user namespace with its mappings, which the
   * host creates and passes to {@link #emitMounts(InitProgramBuilder, boolean, Map)}.
   */
  public List<IdmappedMount> idmappedMounts() {
    return mounts.stream().filter(PlannedMount::isIdmapped)
        .map(mount -> new IdmappedMount(mount.index(), mount.uidMappings(),
            mount.gidMappings()))
        .toList();
  }

  /**
   * An id-mapped mount of config.json.
   *
   * @param index its position in {@code $.mounts}
   */
  public record IdmappedMount(int index, List<IdMapping> uidMappings,
      List<IdMapping> gidMappings) {
    public IdmappedMount {
      uidMappings = List.copyOf(uidMappings);
      gidMappings = List.copyOf(gidMappings);
    }
  }

  /** {@link #emitMounts(InitProgramBuilder, boolean, Map)} for a plan without id mappings. */
  public void emitMounts(InitProgramBuilder b, boolean inUserNamespace) {
    emitMounts(b, inUserNamespace, Map.of());
  }

  /**
   * Step 6 of the init program, in the container's new mount namespace: / gets the
   * rootfsPropagation (recursively slave by default, as in runc), the rootfs is bound onto
   * itself so that it is a mount point for pivot_root, every mount is made in config order, and
   * /dev is filled unless config.json bind-mounts it. The umask is 0 from here, so modes are
   * exact; the working directory is left in the rootfs for {@link #emitPivot}.
   *
   * @param inUserNamespace device nodes are bind-mounted from the host, mknod is refused there
   * @param idmapUsernsFds for each of {@link #idmappedMounts()} by index, a user namespace fd
   */
  public void emitMounts(InitProgramBuilder b, boolean inUserNamespace,
      Map<Integer, Operand> idmapUsernsFds) {
    for (IdmappedMount mount : idmappedMounts()) {
      if (!idmapUsernsFds.containsKey(mount.index())) {
        throw new IllegalArgumentException("mount " + mount.index()
            + " is id-mapped: it needs the fd of a user namespace with its mappings");
      }
    }
    b.umask(0).describedAs("clear the umask, so that mount points and device nodes get "
        + "exactly their configured modes");
    b.mount(null, "/", null, rootPropagation.mountFlags(b), null).describedAs("make / "
        + rootPropagation + " in the container's mount namespace");
    unshareRootfsParent(b);
    Step root = bindRootfs(b);
    InRootfs paths = new InRootfs(b, root);
    MountEmitter emitter = new MountEmitter(b, paths, selinuxLabel, host.cgroup2Mount());
    for (PlannedMount mount : mounts) {
      emitter.emit(mount, idmapUsernsFds.getOrDefault(mount.index(), Arg.of(0)));
    }
    if (mounts.stream().noneMatch(mount -> mount.kind() == Kind.BIND
        && mount.destination().equals(DEV))) {
      new DevSetup(b, paths).emit(devices, inUserNamespace, host.procKcoreExists());
    }
    b.fchdir(root).describedAs("change directory to the rootfs, where the createContainer "
        + "hooks and pivot_root start");
    b.close(root);
  }

  /**
   * runc's rootfsParentMountPropagation: the mount holding the rootfs must not be shared, for
   * pivot_root refuses that and the rootfs bind would propagate to the host. It is the first
   * of the rootfs and its ancestors where mount(2) does not answer EINVAL (not a mount point).
   */
  private void unshareRootfsParent(InitProgramBuilder b) {
    Propagation.Type type = rootPropagation.type() == Propagation.Type.SLAVE
        ? Propagation.Type.SLAVE : Propagation.Type.PRIVATE;
    Propagation unshared = new Propagation(type, false);
    Label done = b.label();
    for (Path path = rootfs; path != null; path = path.getParent()) {
      Step made = b.mount(null, path.toString(), null, unshared.mountFlags(b), null)
          .describedAs("make the mount holding the rootfs " + unshared + ": try " + path);
      if (path.getParent() != null) {
        made.tolerating(Errno.EINVAL);
        b.jumpIf(made, Condition.EQ, 0, done);
      }
    }
    b.bind(done);
  }

  /** A recursive bind of the rootfs onto itself; the returned fd is its root. */
  private Step bindRootfs(InitProgramBuilder b) {
    Step tree = b.openTree(b.atFdcwd(), rootfs.toString(),
        b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC, AT_RECURSIVE))
        .describedAs("bind the rootfs onto itself: clone the tree at " + rootfs);
    b.moveMount(tree, "", b.atFdcwd(), rootfs.toString(),
        b.constant(MOVE_MOUNT_F_EMPTY_PATH))
        .describedAs("bind the rootfs onto itself: attach it at " + rootfs);
    return tree;
  }

  /**
   * A problem when the root is to be changed without pivot_root ({@code noPivot}) but its
   * rootfsPropagation is private, which runc refuses: the host's mounts would stay reachable
   * under the chroot.
   */
  public void checkNoPivot(boolean noPivot, ConfigProblems problems) {
    if (noPivot && rootPropagation.type() == Propagation.Type.PRIVATE) {
      problems.add("$.linux.rootfsPropagation", "private is not safe without pivot_root");
    }
  }

  /**
   * Step 9 of the init program, started in the rootfs where {@link #emitMounts} left the
   * working directory: pivot_root (or, for {@code noPivot}, MS_MOVE onto / and chroot) and the
   * propagation of the new root. The root is still writable afterwards, so that the process's
   * terminal can be bound onto /dev/console before {@link #emitLockdown}, as runc does.
   *
   * @throws IllegalStateException for a private rootfsPropagation with {@code noPivot}, which
   *     {@link #checkNoPivot} reports as a problem of the configuration
   */
  public void emitPivot(InitProgramBuilder b, boolean noPivot) {
    if (noPivot && rootPropagation.type() == Propagation.Type.PRIVATE) {
      throw new IllegalStateException(
          "a private rootfsPropagation without pivot_root, which checkNoPivot refuses");
    }
    Jail jail = new Jail(b);
    if (noPivot) {
      jail.moveAndChroot(rootfs, host.procAndSysfsMounts());
    } else {
      jail.pivot();
    }
    Propagation.Type type = rootPropagation.type();
    if (type == Propagation.Type.SHARED || type == Propagation.Type.UNBINDABLE) {
      b.mount(null, "/", null, rootPropagation.mountFlags(b), null)
          .describedAs("make the container's root " + rootPropagation);
    }
  }

  /**
   * The end of step 9, after {@link #emitPivot}: the sysctls through {@code procfs} (the
   * runtime's own procfs instance), readonlyPaths, maskedPaths, the delayed read-only of tmpfs
   * and /dev mounts, the read-only root, and the umask of 0022 runc leaves (a configured one is
   * set later).
   */
  public void emitLockdown(InitProgramBuilder b, Operand procfs) {
    Step root = b.openat(b.atFdcwd(), "/", b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0)
        .describedAs("open the container's root");
    for (Sysctl sysctl : sysctls) {
      sysctl.emit(b, procfs);
    }
    InRootfs paths = new InRootfs(b, root);
    MountEmitter emitter = new MountEmitter(b, paths, selinuxLabel, null);
    PathRestrictions restrictions = new PathRestrictions(b, paths, emitter, selinuxLabel);
    restrictions.readonly(readonlyPaths);
    restrictions.mask(maskedPaths);
    for (PlannedMount mount : mounts) {
      if (mount.delaysReadonly()) {
        String what = mount.describe() + ": make it read-only";
        Step target = paths.open(mount.destination(), b.constant(O_DIRECTORY),
            mount.refusesSymlinks(), what);
        b.mountSetattr(target, "", b.constant(AT_EMPTY_PATH), b.constant(MOUNT_ATTR_RDONLY), 0,
            0, Arg.of(0)).describedAs(what);
        b.close(target);
      }
    }
    if (readonly) {
      b.mountSetattr(root, "", b.constant(AT_EMPTY_PATH), b.constant(MOUNT_ATTR_RDONLY), 0, 0,
          Arg.of(0)).describedAs("make the container's root read-only");
    }
    b.close(root);
    b.umask(PROCESS_UMASK).describedAs("set the umask runc gives the process by default");
  }
}
