package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.runtime.rootfs.MountAttributes.Flag;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import java.util.List;
import java.util.Set;

/**
 * linux.readonlyPaths and linux.maskedPaths, applied inside the container's root once it is the
 * process's root. A path that does not exist is skipped, as runc skips it.
 */
final class PathRestrictions {
  private static final ContainerPath DEV_NULL = ContainerPath.of("/dev/null");
  private static final MountAttributes READ_ONLY =
      new MountAttributes(Set.of(Flag.RDONLY), Set.of(), null);

  private final InitProgramBuilder b;
  private final InRootfs root;
  private final MountEmitter mounts;
  private final String selinuxLabel;

  /** {@code mounts} emits into the same root; {@code selinuxLabel} may be null. */
  PathRestrictions(InitProgramBuilder b, InRootfs root, MountEmitter mounts,
      String selinuxLabel) {
    this.b = b;
    this.root = root;
    this.mounts = mounts;
    this.selinuxLabel = selinuxLabel;
  }

  /** Binds each path onto itself (with what is mounted below it) and makes that read-only. */
  void readonly(List<ContainerPath> paths) {
    for (ContainerPath path : paths) {
      String what = "make " + path + " read-only";
      Label done = b.label();
      Step target = root.open(path, 0, false, what).tolerating(Errno.ENOENT)
          .describedAs(what + ": open it (skipped when missing)");
      b.jumpIf(target, Condition.LT, 0, done);
      Step tree = b.openTree(target, "", b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC,
          AT_RECURSIVE, AT_EMPTY_PATH)).describedAs(what + ": clone the tree at it");
      mounts.attach(tree, target, what);
      b.mountSetattr(tree, "", b.constant(AT_EMPTY_PATH), b.constant(MOUNT_ATTR_RDONLY), 0, 0,
          Arg.of(0)).describedAs(what + ": set ro");
      b.close(tree);
      b.close(target);
      b.bind(done);
    }
  }

  /**
   * Hides each path: a directory under an empty read-only tmpfs, anything else under a bind
   * mount of the container's /dev/null, which is verified to be the null device first
   * (CVE-2025-31133: a /dev/null swapped for a link to a procfs file made masks writable).
   */
  void mask(List<ContainerPath> paths) {
    if (paths.isEmpty()) {
      return;
    }
    Step devNull = verifiedDevNull();
    for (ContainerPath path : paths) {
      String what = "mask " + path;
      Label file = b.label();
      Label done = b.label();
      Step directory = root.open(path, b.constant(O_DIRECTORY), false, what)
          .tolerating(Errno.ENOENT, Errno.ENOTDIR)
          .describedAs(what + ": open it if it is a directory (skipped when missing)");
      b.jumpIf(directory, Condition.EQ, -Errno.ENOENT.number(b.arch()), done);
      b.jumpIf(directory, Condition.EQ, -Errno.ENOTDIR.number(b.arch()), file);
      emptyReadonlyTmpfs(directory, what);
      b.close(directory);
      b.jump(done);
      b.bind(file);
      Step target = root.open(path, 0, false, what);
      Step tree = b.openTree(devNull, "", b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC,
          AT_EMPTY_PATH)).describedAs(what + ": clone the mount of /dev/null");
      mounts.attach(tree, target, what);
      b.close(tree);
      b.close(target);
      b.bind(done);
    }
    b.close(devNull);
  }

  /** runc's maskDir: a tmpfs of one block and one inode, mounted read-only. */
  private void emptyReadonlyTmpfs(Step directory, String what) {
    Step context = b.fsopen("tmpfs", b.constant(FSOPEN_CLOEXEC))
        .describedAs(what + ": open a tmpfs filesystem context");
    mounts.setString(context, "source", "tmpfs", what);
    mounts.setString(context, "nr_blocks", "1", what);
    mounts.setString(context, "nr_inodes", "1", what);
    if (selinuxLabel != null) {
      mounts.setString(context, "context", selinuxLabel, what);
    }
    Step mnt = mounts.createMount(context, READ_ONLY, what);
    mounts.attach(mnt, directory, what);
    b.close(mnt);
  }

  /** An O_PATH fd of the container's /dev/null once statx shows it is character device 1:3. */
  private Step verifiedDevNull() {
    String what = "open /dev/null to mask paths with";
    Step devNull = root.open(DEV_NULL, 0, false, what);
    Arg.BlobRef statx = b.buffer((int) b.constant(SIZEOF_STRUCT_STATX));
    b.statx(devNull, "", b.constant(AT_EMPTY_PATH), b.constant(STATX_TYPE), statx)
        .describedAs(what + ": get its file type and device number");
    Label wrong = b.label();
    Label verified = b.label();
    // The file type is the top four bits of stx_mode: its high byte (little-endian) holds it
    // above the set-id, sticky and owner-read bits, so a type spans one step of S_IFMT there.
    long characterDevice = b.constant(S_IFCHR) >> 8;
    long nextType = characterDevice + (Long.lowestOneBit(b.constant(S_IFMT)) >> 8);
    Step type = b.load(field(statx, OFFSETOF_STATX_MODE, 1, "high byte of stx_mode"), 1)
        .describedAs(what + ": its file type");
    b.jumpIf(type, Condition.LT, characterDevice, wrong);
    b.jumpIf(type, Condition.GE, nextType, wrong);
    Step major = b.load(field(statx, OFFSETOF_STATX_RDEV_MAJOR, 0, "stx_rdev_major"), 4)
        .describedAs(what + ": its major device number");
    b.jumpIf(major, Condition.NE, 1, wrong);
    Step minor = b.load(field(statx, OFFSETOF_STATX_RDEV_MINOR, 0, "stx_rdev_minor"), 4)
        .describedAs(what + ": its minor device number");
    b.jumpIf(minor, Condition.NE, 3, wrong);
    b.jump(verified);
    b.bind(wrong);
    b.fail(Errno.EPERM, "refuse to mask paths: the container's /dev/null is not the null "
        + "device (character device 1:3)");
    b.bind(verified);
    return devNull;
  }

  /** {@code extra} bytes into the field at {@code offset} of the struct at {@code struct}. */
  private Arg.BlobRef field(Arg.BlobRef struct, ArchConstant offset, int extra, String name) {
    return new Arg.BlobRef(struct.offset() + (int) b.constant(offset) + extra, "<" + name + ">");
  }
}
