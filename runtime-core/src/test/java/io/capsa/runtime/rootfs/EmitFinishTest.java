package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.Op;
import io.capsa.oci.Mount;
import io.capsa.oci.Root;
import io.capsa.oci.linux.RootfsPropagation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops {@link RootfsPlan#emitPivot} and {@link RootfsPlan#emitLockdown} emit for a config. */
class EmitFinishTest {
  private static final String IN_ROOT = "resolve=RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT}";

  @TempDir Path temp;
  private TestBundle bundle;

  @BeforeEach
  void createBundle() {
    bundle = new TestBundle(temp);
  }

  @Test
  void pivotRootOntoTheWorkingDirectoryThenDetachesTheOldRootMadeSlave() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.spec().build()), false);

    assertEquals(List.of(
        "openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0)",
        "pivot_root(\".\", \".\")",
        "fchdir($0)",
        "mount(NULL, \".\", NULL, MS_REC|MS_SLAVE, NULL)",
        "umount2(\".\", MNT_DETACH)",
        "chdir(\"/\")",
        "close($0)",
        "openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0)",
        "close($7)",
        "umask(022)"), ops.calls(op -> true));
  }

  @Test
  void withoutPivotTheHostsProcAndSysAreHiddenThenTheRootfsIsMovedOntoSlashAndChrooted() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.spec().build()), true);

    assertEquals(List.of(
        "mount(NULL, \"/proc\", NULL, MS_REC|MS_SLAVE, NULL)",
        "jump to 5 if $0 != 0",
        "umount2(\"/proc\", MNT_DETACH)",
        "jump to 5 if $2 == 0",
        "mount(\"tmpfs\", \"/proc\", \"tmpfs\", 0, NULL)",
        "mount(NULL, \"/sys\", NULL, MS_REC|MS_SLAVE, NULL)"),
        ops.all().subList(0, 6).stream().map(ops::shown).toList());
    assertEquals("tolerate ENOENT", ops.all().get(0).policy().toString());
    assertEquals("tolerate EPERM,EINVAL", ops.all().get(2).policy().toString());
    assertEquals(List.of(
        "mount(\".\", \"/\", NULL, MS_MOVE, NULL)",
        "chroot(\".\")",
        "chdir(\"/\")"), ops.calls(op -> op.index() >= 10 && op.index() < 13));
    assertEquals(List.of(), ops.callsOf("pivot_root"));
  }

  @Test
  void hostProcfsMountsInsideTheRootfsAreNotTouched() {
    RootfsHost host = new RootfsHost(false, false, List.of(bundle.rootfs.resolve("proc")), null);
    RootfsPlan plan = RootfsPlan.from(TestBundle.spec().build(), temp, host,
        new io.capsa.runtime.config.ConfigProblems());

    Ops ops = TestBundle.finish(plan, true);

    assertEquals("mount(\".\", \"/\", NULL, MS_MOVE, NULL)", ops.call(ops.all().get(0)));
  }

  @Test
  void aSharedRootfsPropagationIsAppliedToTheNewRoot() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .rootfsPropagation(RootfsPropagation.SHARED).build())), false);

    assertEquals("mount(NULL, \"/\", NULL, MS_SHARED, NULL)", ops.call(ops.all().get(7)));
    assertEquals("make the container's root shared", ops.all().get(7).description());
  }

  @Test
  void sysctlsAreWrittenThroughTheRuntimesProcfsNeverTheContainersProc() {
    Map<String, String> sysctl = new LinkedHashMap<>();
    sysctl.put("net.ipv4.ip_forward", "1");
    sysctl.put("kernel.shmmax", "65536");
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .sysctl(sysctl).build())), false);

    int forward = ops.indexOf("set sysctl net.ipv4.ip_forward: open");
    int shmmax = ops.indexOf("set sysctl kernel.shmmax: open");
    String how = ", {flags=O_WRONLY|O_CLOEXEC, mode=0, "
        + "resolve=RESOLVE_NO_XDEV|RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24)";
    assertEquals(List.of(
        "openat2(9, \"sys/net/ipv4/ip_forward\"" + how,
        "write($" + forward + ", \"1\", 1)",
        "close($" + forward + ")",
        "openat2(9, \"sys/kernel/shmmax\"" + how,
        "write($" + shmmax + ", \"65536\", 5)",
        "close($" + shmmax + ")"), ops.calls(op -> op.index() >= forward
            && op.index() <= shmmax + 2));
    assertTrue(forward > ops.indexOf("pivot the root"), "inside the container's namespaces");
  }

  @Test
  void readonlyPathsAreBoundOntoThemselvesAndMadeReadOnlyMissingOnesSkipped() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .readonlyPaths(List.of("/proc/sys")).build())), false);

    int root = ops.indexOf("open the container's root");
    int path = ops.indexOf("make /proc/sys read-only: open it");
    int tree = path + 2;
    assertEquals(List.of(
        "openat2($" + root + ", \"proc/sys\", {flags=O_RDONLY|O_CLOEXEC|O_PATH, mode=0, "
            + IN_ROOT + ", 24)",
        "jump($" + path + ", 0, " + (path + 7) + ")",
        "open_tree($" + path + ", \"\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_EMPTY_PATH|"
            + "AT_RECURSIVE)",
        "move_mount($" + tree + ", \"\", $" + path
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)",
        "mount_setattr($" + tree + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY, clear=0, "
            + "propagation=0, userns_fd=0}, 32)",
        "close($" + tree + ")",
        "close($" + path + ")"), ops.calls(op -> op.index() >= path && op.index() < path + 7));
    assertEquals("tolerate ENOENT", ops.all().get(path).policy().toString());
    assertEquals("jump to " + (path + 7) + " if $" + path + " < 0",
        Ops.jump(ops.all().get(path + 1)));
  }

  @Test
  void maskedPathsUseTheContainersDevNullOnlyOnceStatxShowsItIsCharacterDevice1To3() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .maskedPaths(List.of("/proc/kcore", "/sys/firmware")).build())), false);

    int root = ops.indexOf("open the container's root");
    int devNull = ops.indexOf("open /dev/null to mask paths with: open /dev/null");
    List<Op> all = ops.all();
    assertEquals("openat2($" + root + ", \"dev/null\", {flags=O_RDONLY|O_CLOEXEC|O_PATH, "
        + "mode=0, " + IN_ROOT + ", 24)", ops.call(all.get(devNull)));
    assertEquals("statx($" + devNull + ", \"\", AT_EMPTY_PATH, STATX_TYPE, <buffer of 256 "
        + "bytes>)", ops.call(all.get(devNull + 1)));
    int wrong = devNull + 10;
    assertEquals(List.of(
        "load(<high byte of stx_mode>)",
        "jump to " + wrong + " if $" + (devNull + 2) + " < 32",
        "jump to " + wrong + " if $" + (devNull + 2) + " >= 48",
        "load(<stx_rdev_major>)",
        "jump to " + wrong + " if $" + (devNull + 5) + " != 1",
        "load(<stx_rdev_minor>)",
        "jump to " + wrong + " if $" + (devNull + 7) + " != 3"),
        all.subList(devNull + 2, devNull + 9).stream().map(ops::shown).toList());
    assertEquals("fail(EPERM)", ops.call(all.get(wrong)));
    assertEquals("refuse to mask paths: the container's /dev/null is not the null device "
        + "(character device 1:3)", all.get(wrong).description());

    int kcore = ops.indexOf("mask /proc/kcore: open it if it is a directory");
    assertEquals("tolerate ENOENT,ENOTDIR", all.get(kcore).policy().toString());
    int file = ops.indexOf("mask /proc/kcore: open /proc/kcore");
    int next = ops.indexOf("mask /sys/firmware: open it if it is a directory");
    assertEquals("jump to " + next + " if $" + kcore + " == -2", Ops.jump(all.get(kcore + 1)));
    assertEquals("jump to " + file + " if $" + kcore + " == -20", Ops.jump(all.get(kcore + 2)));
    int tree = file + 1;
    assertEquals(List.of(
        "openat2($" + root + ", \"proc/kcore\", {flags=O_RDONLY|O_CLOEXEC|O_PATH, mode=0, "
            + IN_ROOT + ", 24)",
        "open_tree($" + devNull + ", \"\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_EMPTY_PATH)",
        "move_mount($" + tree + ", \"\", $" + file
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
        ops.calls(op -> op.index() >= file && op.index() <= file + 2));
    int context = ops.indexOf("mask /sys/firmware: open a tmpfs filesystem context");
    assertEquals(List.of(
        "fsopen(\"tmpfs\", FSOPEN_CLOEXEC)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"source\", \"tmpfs\", 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"nr_blocks\", \"1\", 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"nr_inodes\", \"1\", 0)",
        "fsconfig($" + context + ", FSCONFIG_CMD_CREATE, NULL, NULL, 0)",
        "fsmount($" + context + ", FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY)",
        "move_mount($" + (context + 5) + ", \"\", $" + next
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
        ops.calls(op -> op.description().startsWith("mask /sys/firmware: ")
            && op.index() >= context && op.index() <= context + 7
            && !op.syscallName().equals("close")));
    assertEquals("close($" + devNull + ")", ops.call(all.get(all.size() - 3)));
  }

  @Test
  void readOnlyIsDelayedForTmpfsAndDevThenTheRootIsMadeReadOnlyLast() {
    Ops ops = TestBundle.finish(bundle.plan(TestBundle.spec().root(new Root("rootfs", true))
        .mounts(List.of(
            new Mount("/dev", "tmpfs", "tmpfs", List.of("ro", "nosuid")),
            new Mount("/run", "tmpfs", "tmpfs", List.of("ro")),
            new Mount("/sys", "sysfs", "sysfs", List.of("ro"))))
        .build()), false);

    int root = ops.indexOf("open the container's root");
    int dev = ops.indexOf("mount tmpfs on /dev: make it read-only: open /dev");
    int run = ops.indexOf("mount tmpfs on /run: make it read-only: open /run");
    assertEquals(List.of(
        "openat2($" + root + ", \"dev\", {flags=O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, mode=0, "
            + IN_ROOT + ", 24)",
        "mount_setattr($" + dev + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY, clear=0, "
            + "propagation=0, userns_fd=0}, 32)",
        "close($" + dev + ")",
        "openat2($" + root + ", \"run\", {flags=O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, mode=0, "
            + IN_ROOT + ", 24)",
        "mount_setattr($" + run + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY, clear=0, "
            + "propagation=0, userns_fd=0}, 32)",
        "close($" + run + ")",
        "mount_setattr($" + root + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY, clear=0, "
            + "propagation=0, userns_fd=0}, 32)",
        "close($" + root + ")",
        "umask(022)"), ops.calls(op -> op.index() >= dev));
    assertEquals(List.of(), ops.callsDescribed("mount sysfs"), "sysfs was mounted read-only");
  }

  @Test
  void delayedReadOnlyMountsAreMadeWritableFirst() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/dev", "tmpfs", "tmpfs", List.of("ro", "nosuid")),
        new Mount("/sys", "sysfs", "sysfs", List.of("ro")))), false);

    assertEquals("fsmount($" + ops.indexOf("mount tmpfs on /dev: open a tmpfs")
        + ", FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID)",
        ops.callsDescribed("mount tmpfs on /dev: create its mount").get(0));
    assertEquals("fsmount($" + ops.indexOf("mount sysfs on /sys: open a sysfs")
        + ", FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY)",
        ops.callsDescribed("mount sysfs on /sys: create its mount").get(0));
  }
}
