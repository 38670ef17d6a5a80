package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.sys.Errno;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the rootfs the process's root, starting in it (the working directory
 * {@link RootfsPlan#emitMounts} leaves): pivot_root, or for no-pivot the MS_MOVE of the rootfs
 * onto / and chroot, both as runc does them.
 */
final class Jail {
  private final InitProgramBuilder b;

  Jail(InitProgramBuilder b) {
    this.b = b;
  }

  /**
   * pivot_root(".", "."): the old root ends up mounted on top of the new one and is detached
   * from there, so that no directory for it is needed in the rootfs.
   */
  void pivot() {
    Step oldRoot = b.openat(b.atFdcwd(), "/", b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0)
        .describedAs("open the old root");
    b.pivotRoot(".", ".").describedAs("pivot the root to the rootfs");
    b.fchdir(oldRoot).describedAs("change directory to the old root, now stacked on the new");
    b.mount(null, ".", null, b.flags(MS_SLAVE, MS_REC), null)
        .describedAs("make the old root recursively slave, so that detaching it cannot "
            + "unmount anything on the host");
    b.umount2(".", b.constant(MNT_DETACH)).describedAs("detach the old root");
    b.chdir("/").describedAs("change directory to the new root");
    b.close(oldRoot);
  }

  /**
   * For no-pivot, whose old root stays reachable: the host's procfs and sysfs mounts (outside
   * the rootfs) are detached, or covered with a tmpfs where that is not permitted, so that the
   * kernel does not let the container mount a fresh procfs or sysfs; then the rootfs is moved
   * onto / and made the root with chroot.
   */
  void moveAndChroot(Path rootfs, List<Path> procAndSysfsMounts) {
    for (Path mountPoint : procAndSysfsMounts) {
      if (!mountPoint.startsWith(rootfs)) {
        hide(mountPoint.toString());
      }
    }
    b.mount(".", "/", null, b.constant(MS_MOVE), null)
        .describedAs("move the rootfs onto / (no pivot_root)");
    b.chroot(".").describedAs("change the root to the rootfs");
    b.chdir("/").describedAs("change directory to the new root");
  }

  private void hide(String mountPoint) {
    String what = "hide the host's " + mountPoint + " from the container";
    Label done = b.label();
    Step slave = b.mount(null, mountPoint, null, b.flags(MS_SLAVE, MS_REC), null)
        .tolerating(Errno.ENOENT)
        .describedAs(what + ": make it recursively slave (gone already: nothing to hide)");
    b.jumpIf(slave, Condition.NE, 0, done);
    Step detached = b.umount2(mountPoint, b.constant(MNT_DETACH))
        .tolerating(Errno.EINVAL, Errno.EPERM).describedAs(what + ": detach it");
    b.jumpIf(detached, Condition.EQ, 0, done);
    b.mount("tmpfs", mountPoint, "tmpfs", 0, null)
        .describedAs(what + ": cover it with a tmpfs, detaching it was not permitted");
    b.bind(done);
  }
}
