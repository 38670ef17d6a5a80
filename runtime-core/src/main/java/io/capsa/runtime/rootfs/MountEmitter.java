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
import java.util.Set;

/**
 * Emits one mount of config.json with the fd-based mount API: the target is opened (and
 * created) inside the rootfs by {@link InRootfs}, the new mount is made detached (open_tree
 * for a bind, fsopen/fsconfig/fsmount for a filesystem) and attached onto the target's fd with
 * move_mount; then its attributes and propagation are set through the mount's own fd.
 */
final class MountEmitter {
  /** PROC_SUPER_MAGIC of linux/magic.h, the f_type statfs reports for procfs. */
  static final long PROC_SUPER_MAGIC = 0x9fa0;
  /** sizeof(struct statfs) on x86_64 and ppc64le; f_type is its first field, a long. */
  static final int STATFS_SIZE = 120;
  /** runc labels neither procfs, sysfs and cgroupfs nor mqueue (labelled through a file). */
  private static final Set<String> UNLABELLED_TYPES = Set.of("proc", "sysfs", "cgroup2",
      "mqueue");

  private final InitProgramBuilder b;
  private final InRootfs rootfs;
  private final String selinuxLabel;

  /** {@code selinuxLabel} is the context of new filesystems, null for none. */
  MountEmitter(InitProgramBuilder b, InRootfs rootfs, String selinuxLabel) {
    this.b = b;
    this.rootfs = rootfs;
    this.selinuxLabel = selinuxLabel;
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
    Arg.BlobRef statfs = b.buffer(STATFS_SIZE);
    b.syscall(Syscall.FSTATFS, target, statfs)
        .describedAs(what + ": find the filesystem of the mount point");
    Step type = b.load(statfs, 8).describedAs(what + ": the mount point's filesystem type");
    Label notProcfs = b.label();
    b.jumpIf(type, Condition.NE, PROC_SUPER_MAGIC, notProcfs);
    b.fail(Errno.EPERM, what + ": refused, the mount point resolved into procfs");
    b.bind(notProcfs);
  }

  private Step bind(PlannedMount mount, Step target, Operand usernsFd, String what) {
    Step tree = b.openTree(AtFdcwd.of(b), mount.source(),
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
    Step mnt = createMount(context, mount.initialAttributes(), what);
    attach(mnt, target, what);
    return mnt;
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
