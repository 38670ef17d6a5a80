package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.runtime.rootfs.MountOptions.FilesystemOption;
import io.capsa.runtime.rootfs.MountOptions.SuperblockFlag;
import io.capsa.runtime.rootfs.PlannedMount.Kind;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.file.Path;
import java.util.Set;

/**
 * Emits one mount of config.json with the fd-based mount API: the target is opened (and
 * created) inside the rootfs by {@link InRootfs}, the new mount is made detached (open_tree
 * for a bind, fsopen/fsconfig/fsmount for a filesystem) and attached onto the target's fd with
 * move_mount; then its attributes and propagation are set through the mount's own fd.
 */
final class MountEmitter {
  /**
   * Filesystems runc mounts without the mount label: procfs, sysfs and cgroupfs, and mqueue,
   * which runc labels through its mount point's file label instead (not done here).
   */
  private static final Set<String> UNLABELLED_TYPES = Set.of("proc", "sysfs", "cgroup2",
      "mqueue");

  private final InitProgramBuilder b;
  private final InRootfs rootfs;
  private final String selinuxLabel;
  private final Path hostCgroup2;

  /**
   * {@code selinuxLabel} is the context of new filesystems, null for none; {@code hostCgroup2}
   * is bind-mounted where a cgroup2 may not be mounted, null for no such fallback.
   */
  MountEmitter(InitProgramBuilder b, InRootfs rootfs, String selinuxLabel, Path hostCgroup2) {
    this.b = b;
    this.rootfs = rootfs;
    this.selinuxLabel = selinuxLabel;
    this.hostCgroup2 = hostCgroup2;
  }

  /** {@code usernsFd}: the user namespace of an id-mapped mount, else {@code Arg.of(0)}. */
  void emit(PlannedMount mount, Operand usernsFd) {
    String what = mount.describe();
    Step target = target(mount, what);
    if (mount.kind() != Kind.REMOUNT && !mount.mayBeOnProcfs()) {
      refuseProcfsTarget(target, what);
    }
    Operand attached = switch (mount.kind()) {
      case BIND -> bind(mount, target, usernsFd, what);
      case FILESYSTEM -> newFilesystem(mount, target, what);
      case REMOUNT -> target;
    };
    if (mount.kind() != Kind.FILESYSTEM) {
      setAttributes(attached, mount.initialAttributes(), false, what);
    }
    setAttributes(attached, mount.options().recursiveAttributes(), true, what);
    for (Propagation propagation : mount.options().propagations()) {
      b.mountSetattr(attached, "", atEmptyPath(propagation.recursive()), 0, 0,
          propagation.attrPropagation(b), Arg.of(0))
          .describedAs(what + ": make it " + propagation);
    }
    if (attached != target) {
      b.close(attached);
    }
    b.close(target);
  }

  private Step target(PlannedMount mount, String what) {
    boolean noSymlinks = mount.refusesSymlinks();
    if (mount.kind() == Kind.REMOUNT) {
      return rootfs.open(mount.destination(), 0, noSymlinks, what);
    }
    return mount.sourceIsDirectory()
        ? rootfs.createDirectory(mount.destination(), noSymlinks, what)
        : rootfs.createFile(mount.destination(), noSymlinks, what);
  }

  /**
   * runc's checkProcMount on the resolved target: a symlink in the rootfs must not lead a
   * mount into procfs, where it could hide what the kernel tells a process about itself.
   */
  private void refuseProcfsTarget(Step target, String what) {
    Arg.BlobRef statfs = b.buffer((int) b.constant(SIZEOF_STRUCT_STATFS));
    b.syscall(Syscall.FSTATFS, target, statfs)
        .describedAs(what + ": find the filesystem of the mount point");
    // f_type, a long, is the first field of struct statfs.
    Step type = b.load(statfs, 8).describedAs(what + ": the mount point's filesystem type");
    Label notProcfs = b.label();
    b.jumpIf(type, Condition.NE, b.constant(PROC_SUPER_MAGIC), notProcfs);
    b.fail(Errno.EPERM, what + ": refused, the mount point resolved into procfs");
    b.bind(notProcfs);
  }

  private Step bind(PlannedMount mount, Step target, Operand usernsFd, String what) {
    Step tree = b.openTree(b.atFdcwd(), mount.source(),
        b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC)
            | (mount.options().recursiveBind() ? b.constant(AT_RECURSIVE) : 0))
        .describedAs(what + ": clone the " + (mount.options().recursiveBind() ? "tree" : "mount")
            + " at " + mount.source());
    if (mount.isIdmapped()) {
      boolean recursive = mount.options().idmap() == MountOptions.Idmap.RECURSIVE;
      b.mountSetattr(tree, "", atEmptyPath(recursive), b.constant(MOUNT_ATTR_IDMAP), 0, 0,
          usernsFd).describedAs(what + ": id-map it");
    }
    attach(tree, target, what);
    return tree;
  }

  private Step newFilesystem(PlannedMount mount, Step target, String what) {
    Step context = b.fsopen(mount.type(), b.constant(FSOPEN_CLOEXEC))
        .describedAs(what + ": open a " + mount.type() + " filesystem context");
    if (mount.source() != null) {
      setString(context, "source", mount.source(), what);
    }
    for (FilesystemOption option : mount.options().data()) {
      if (option.value() == null) {
        setFlag(context, option.key(), what);
      } else {
        setString(context, option.key(), option.value(), what);
      }
    }
    for (SuperblockFlag flag : mount.options().superblockFlags()) {
      setFlag(context, flag.key, what);
    }
    if (selinuxLabel != null && !UNLABELLED_TYPES.contains(mount.type())) {
      setString(context, "context", selinuxLabel, what);
    }
    Step mnt = mount.type().equals("cgroup2") && hostCgroup2 != null
        ? cgroup2OrHostBind(context, mount.initialAttributes(), what)
        : createMount(context, mount.initialAttributes(), what);
    attach(mnt, target, what);
    return mnt;
  }

  /**
   * runc's mountCgroupV2: in a user namespace that does not own the cgroup namespace a cgroup2
   * may not be mounted (EPERM, or EBUSY), so the host's hierarchy is bind-mounted instead. The
   * two branches leave their mount's fd in one blob cell, loaded after they join.
   */
  private Step cgroup2OrHostBind(Step context, MountAttributes attributes, String what) {
    Arg.BlobRef chosen = b.buffer(4);
    Label refused = b.label();
    Label joined = b.label();
    Step created = b.fsconfig(context, b.constant(FSCONFIG_CMD_CREATE), null, null, 0)
        .tolerating(Errno.EPERM, Errno.EBUSY)
        .describedAs(what + ": create the filesystem (else bind " + hostCgroup2 + ")");
    b.jumpIf(created, Condition.NE, 0, refused);
    Step fresh = b.fsmount(context, b.constant(FSMOUNT_CLOEXEC), attributes.setBits(b))
        .describedAs(what + ": create its mount");
    b.store(fresh, chosen, 4);
    b.jump(joined);
    b.bind(refused);
    Step tree = b.openTree(b.atFdcwd(), hostCgroup2.toString(),
        b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC))
        .describedAs(what + ": not permitted here, clone the host's " + hostCgroup2);
    setAttributes(tree, attributes, false, what);
    b.store(tree, chosen, 4);
    b.bind(joined);
    b.close(context);
    return b.load(chosen, 4).describedAs(what + ": the mount made");
  }

  /** fsconfig(CREATE) and fsmount of a configured context, which is closed after. */
  Step createMount(Step context, MountAttributes attributes, String what) {
    b.fsconfig(context, b.constant(FSCONFIG_CMD_CREATE), null, null, 0)
        .describedAs(what + ": create the filesystem");
    Step mnt = b.fsmount(context, b.constant(FSMOUNT_CLOEXEC), attributes.setBits(b))
        .describedAs(what + ": create its mount" + (attributes.isEmpty() ? ""
            : " (" + attributes.describe() + ")"));
    b.close(context);
    return mnt;
  }

  void setString(Step context, String key, String value, String what) {
    b.fsconfig(context, b.constant(FSCONFIG_SET_STRING), key, value, 0)
        .describedAs(what + ": set " + key + "=" + value);
  }

  private void setFlag(Step context, String key, String what) {
    b.fsconfig(context, b.constant(FSCONFIG_SET_FLAG), key, null, 0)
        .describedAs(what + ": set " + key);
  }

  /** move_mount of the detached mount {@code mnt} onto the fd of its mount point. */
  void attach(Step mnt, Operand target, String what) {
    b.moveMount(mnt, "", target, "",
        b.flags(MOVE_MOUNT_F_EMPTY_PATH, MOVE_MOUNT_T_EMPTY_PATH))
        .describedAs(what + ": attach it");
  }

  private void setAttributes(Operand mnt, MountAttributes attributes, boolean recursive,
      String what) {
    if (attributes.isEmpty()) {
      return;
    }
    b.mountSetattr(mnt, "", atEmptyPath(recursive), attributes.setBits(b),
        attributes.clearBits(b), 0, Arg.of(0)).describedAs(what + ": set "
            + (recursive ? "recursively " : "") + attributes.describe());
  }

  private long atEmptyPath(boolean recursive) {
    return b.constant(AT_EMPTY_PATH) | (recursive ? b.constant(AT_RECURSIVE) : 0);
  }
}
