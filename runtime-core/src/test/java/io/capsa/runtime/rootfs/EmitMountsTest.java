package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Op;
import io.capsa.init.Step;
import io.capsa.oci.IdMapping;
import io.capsa.oci.Mount;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceType;
import io.capsa.oci.linux.RootfsPropagation;
import io.capsa.sys.Arch;
import io.capsa.sys.Syscall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops {@link RootfsPlan#emitMounts} produces for a config. */
class EmitMountsTest {
  private static final String IN_ROOT = "resolve=RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT}";
  private static final String IN_ROOT_NO_SYMLINKS =
      "resolve=RESOLVE_NO_MAGICLINKS|RESOLVE_NO_SYMLINKS|RESOLVE_IN_ROOT}";

  @TempDir Path temp;
  private TestBundle bundle;

  @BeforeEach
  void createBundle() {
    bundle = new TestBundle(temp);
  }

  @Test
  void preparesTheRootThenMountsInConfigOrderThenDevThenStaysInTheRootfs() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/proc", "proc", "proc", List.of()),
        new Mount("/dev", "tmpfs", "tmpfs", List.of("mode=755")),
        new Mount("/dev/pts", "devpts", "devpts", List.of("newinstance", "ptmxmode=0666")))),
        false);
    String rootfs = bundle.rootfs.toString();

    assertEquals("umask(0)", ops.call(ops.all().get(0)));
    assertEquals("mount(NULL, \"/\", NULL, MS_REC|MS_SLAVE, NULL)", ops.call(ops.all().get(1)));
    assertEquals("mount(NULL, \"" + rootfs + "\", NULL, MS_SLAVE, NULL)",
        ops.call(ops.all().get(2)));
    int bind = ops.indexOf("bind the rootfs onto itself: clone");
    assertEquals("open_tree(AT_FDCWD, \"" + rootfs
        + "\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE)", ops.call(ops.all().get(bind)));
    assertEquals("move_mount($" + bind + ", \"\", AT_FDCWD, \"" + rootfs
        + "\", MOVE_MOUNT_F_EMPTY_PATH)", ops.call(ops.all().get(bind + 1)));
    int proc = ops.indexOf("mount proc on /proc: attach it");
    int dev = ops.indexOf("mount tmpfs on /dev: attach it");
    int pts = ops.indexOf("mount devpts on /dev/pts: attach it");
    int nodes = ops.indexOf("create device /dev/null");
    int last = ops.all().size() - 1;
    assertTrue(bind < proc && proc < dev && dev < pts && pts < nodes, ops.descriptions()
        .toString());
    assertEquals("fchdir($" + bind + ")", ops.call(ops.all().get(last - 1)));
    assertEquals("close($" + bind + ")", ops.call(ops.all().get(last)));
  }

  @Test
  void everyFdTheProgramOpensIsCloseOnExec() {
    RootfsPlan plan = bundle.plan(TestBundle.spec().mounts(Spec.example().mounts())
        .linux(Spec.example().linux().toBuilder().namespaces(TestBundle.linux().build()
            .namespaces()).build()).build());
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    plan.emitMounts(b, true);
    plan.emitPivot(b, false);
    plan.emitLockdown(b, TestBundle.PROCFS);
    Ops ops = new Ops(b.build());

    List<String> opening = ops.calls(op -> List.of("openat", "openat2", "open_tree", "fsopen",
        "fsmount").contains(op.syscallName()));
    assertTrue(opening.size() > 50, opening.toString());
    assertEquals(List.of(), opening.stream().filter(call -> !call.contains("CLOEXEC")).toList());
  }

  @Test
  void whereSelinuxIsEnabledNewFilesystemsButProcSysfsMqueueAndCgroupsGetTheMountLabel() {
    String label = "system_u:object_r:container_file_t:s0:c1,c2";
    RootfsPlan plan = RootfsPlan.from(TestBundle.spec().mounts(Spec.example().mounts())
        .linux(TestBundle.linux().mountLabel(label).maskedPaths(List.of("/proc/acpi")).build())
        .build(), temp, new RootfsHost(true, false, List.of(), null),
        new io.capsa.runtime.config.ConfigProblems());

    Ops mounts = TestBundle.mounts(plan, false);
    Ops finish = TestBundle.finish(plan, false);

    assertEquals(List.of("mount tmpfs on /dev: set context=" + label,
        "mount devpts on /dev/pts: set context=" + label,
        "mount tmpfs on /dev/shm: set context=" + label),
        mounts.all().stream().map(Op::description).filter(d -> d.contains("context=")).toList());
    assertEquals(List.of("mask /proc/acpi: set context=" + label),
        finish.all().stream().map(Op::description).filter(d -> d.contains("context=")).toList());
  }

  @Test
  void theMountHoldingTheRootfsIsFoundByWalkingUpToTheFirstMountPoint() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.spec().build()), false);

    List<Op> attempts = ops.all().stream()
        .filter(op -> op.description().startsWith("make the mount holding the rootfs"))
        .toList();
    Path expected = bundle.rootfs;
    for (Op attempt : attempts) {
      assertEquals("mount(NULL, \"" + expected + "\", NULL, MS_SLAVE, NULL)", ops.call(attempt));
      assertEquals(expected.getParent() == null ? "fail" : "tolerate EINVAL",
          attempt.policy().toString());
      expected = expected.getParent();
    }
    assertEquals(bundle.rootfs.getNameCount() + 1, attempts.size());
    int found = ops.indexOf("bind the rootfs onto itself: clone");
    assertEquals("jump to " + found + " if $" + attempts.get(0).index() + " == 0",
        Ops.jump(ops.all().get(attempts.get(0).index() + 1)), "found: on to the rootfs bind");
  }

  @Test
  void rootfsPropagationReplacesTheRecursiveSlaveDefault() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .rootfsPropagation(RootfsPropagation.SHARED).build())), false);

    assertEquals("mount(NULL, \"/\", NULL, MS_SHARED, NULL)", ops.call(ops.all().get(1)));
    assertEquals("mount(NULL, \"" + bundle.rootfs + "\", NULL, MS_PRIVATE, NULL)",
        ops.call(ops.all().get(2)));
  }

  @Test
  void everyPathInTheRootfsIsResolvedInsideItFromTheRootFd() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/run/lock/deep", "tmpfs", "tmpfs", List.of()))), false);
    int root = ops.indexOf("bind the rootfs onto itself: clone");

    assertEquals(List.of(
        "mkdirat($" + root + ", \"run\", 0755)",
        "openat2($" + root + ", \"run\", {flags=O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, mode=0, "
            + IN_ROOT + ", 24)",
        "mkdirat($" + (root + 3) + ", \"lock\", 0755)",
        "openat2($" + root + ", \"run/lock\", {flags=O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, "
            + "mode=0, " + IN_ROOT + ", 24)",
        "close($" + (root + 3) + ")",
        "mkdirat($" + (root + 5) + ", \"deep\", 0755)",
        "openat2($" + root + ", \"run/lock/deep\", {flags=O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, "
            + "mode=0, " + IN_ROOT + ", 24)",
        "close($" + (root + 5) + ")"),
        ops.calls(op -> op.index() > root + 1
            && op.index() < ops.indexOf("mount tmpfs on /run/lock/deep: find")));
    assertTrue(ops.callsOf("mkdirat").stream().allMatch(call -> !call.contains("\"/")),
        "mkdirat takes single names relative to resolved fds");
    assertTrue(ops.all().stream().filter(op -> op.syscallName().equals("openat2"))
        .allMatch(op -> ops.call(op).contains("RESOLVE_IN_ROOT")), "every openat2 in the rootfs");
  }

  @Test
  void procAndSysTargetsMustNotBeSymlinksAndOtherTargetsMustNotBeOnProcfs() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/proc", "proc", "proc", List.of()),
        new Mount("/sys", "sysfs", "sysfs", List.of()),
        new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of()),
        new Mount("/data", "tmpfs", "tmpfs", List.of()))), false);

    assertTrue(ops.callsDescribed("mount proc on /proc: open /proc").get(0)
        .contains(IN_ROOT_NO_SYMLINKS));
    assertTrue(ops.callsDescribed("mount sysfs on /sys: open /sys").get(0)
        .contains(IN_ROOT_NO_SYMLINKS));
    assertTrue(ops.callsDescribed("on /sys/fs/cgroup: open /sys/fs/cgroup").get(0)
        .contains(IN_ROOT_NO_SYMLINKS));
    assertTrue(ops.callsDescribed("mount tmpfs on /data: open /data").get(0).contains(IN_ROOT));
    assertEquals(List.of(), ops.callsDescribed("mount proc on /proc: find the filesystem"),
        "procfs is expected at /proc");
    int check = ops.indexOf("mount tmpfs on /data: find the filesystem of the mount point");
    List<Op> all = ops.all();
    assertTrue(ops.call(all.get(check)).startsWith("fstatfs($"));
    assertEquals("load(<buffer of 120 bytes>)", ops.call(all.get(check + 1)));
    assertEquals("jump to " + (check + 4) + " if $" + (check + 1) + " != 40864",
        Ops.jump(all.get(check + 2)));
    assertEquals("fail(EPERM)", ops.call(all.get(check + 3)));
    assertEquals("mount tmpfs on /data: refused, the mount point resolved into procfs",
        all.get(check + 3).description());
  }

  @Test
  void newFilesystemsAreConfiguredCreatedMountedAndMovedOntoTheTargetFd() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance",
            "ptmxmode=0666", "mode=0620", "gid=5", "rslave")))), false);

    List<String> calls = ops.callsDescribed("mount devpts on /dev/pts: ");
    int context = ops.indexOf("mount devpts on /dev/pts: open a devpts filesystem context");
    int target = ops.indexOf("mount devpts on /dev/pts: open /dev/pts");
    int mount = ops.indexOf("mount devpts on /dev/pts: create its mount");
    assertEquals(List.of(
        "fsopen(\"devpts\", FSOPEN_CLOEXEC)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"source\", \"devpts\", 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_FLAG, \"newinstance\", NULL, 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"ptmxmode\", \"0666\", 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"mode\", \"0620\", 0)",
        "fsconfig($" + context + ", FSCONFIG_SET_STRING, \"gid\", \"5\", 0)",
        "fsconfig($" + context + ", FSCONFIG_CMD_CREATE, NULL, NULL, 0)",
        "fsmount($" + context + ", FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NOEXEC)",
        "move_mount($" + mount + ", \"\", $" + target
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)",
        "mount_setattr($" + mount + ", \"\", AT_EMPTY_PATH|AT_RECURSIVE, {set=0, clear=0, "
            + "propagation=MS_SLAVE, userns_fd=0}, 32)"),
        calls.subList(calls.indexOf("fsopen(\"devpts\", FSOPEN_CLOEXEC)"), calls.size()));
    assertEquals("close($" + context + ")", ops.call(ops.all().get(mount + 1)));
  }

  @Test
  void bindMountsCloneTheSourceAndSetAttributesThenRecursiveOnesThenPropagation() {
    Path data = bundle.directory("data");
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/data", null, "data", List.of("rbind", "ro", "nosuid", "rnodev", "rprivate")),
        new Mount("/once", "none", data.toString(), List.of("bind", "rw")))), false);

    int tree = ops.indexOf("bind mount " + data + " on /data: clone");
    int target = ops.indexOf("bind mount " + data + " on /data: open /data");
    assertEquals(List.of(
        "open_tree(AT_FDCWD, \"" + data + "\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE)",
        "move_mount($" + tree + ", \"\", $" + target
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)",
        "mount_setattr($" + tree + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY|"
            + "MOUNT_ATTR_NOSUID, clear=0, propagation=0, userns_fd=0}, 32)",
        "mount_setattr($" + tree + ", \"\", AT_EMPTY_PATH|AT_RECURSIVE, {set=MOUNT_ATTR_NODEV, "
            + "clear=0, propagation=0, userns_fd=0}, 32)",
        "mount_setattr($" + tree + ", \"\", AT_EMPTY_PATH|AT_RECURSIVE, {set=0, clear=0, "
            + "propagation=MS_PRIVATE, userns_fd=0}, 32)"),
        ops.calls(op -> op.index() >= tree && op.description().startsWith("bind mount " + data
            + " on /data") && !op.syscallName().equals("close")));
    assertEquals(List.of(
        "open_tree(AT_FDCWD, \"" + data + "\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC)"),
        ops.calls(op -> op.description().equals("bind mount " + data
            + " on /once: clone the mount at " + data)));
    assertEquals("mount_setattr($" + ops.indexOf("on /once: clone") + ", \"\", AT_EMPTY_PATH, "
        + "{set=0, clear=MOUNT_ATTR_RDONLY, propagation=0, userns_fd=0}, 32)",
        ops.callsDescribed("on /once: set").get(0));
  }

  @Test
  void aCgroup2ThatMayNotBeMountedIsTheHostsHierarchyBoundIn() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid")))), false);

    String what = "mount cgroup2 on /sys/fs/cgroup: ";
    int context = ops.indexOf(what + "open a cgroup2 filesystem context");
    int create = ops.indexOf(what + "create the filesystem");
    List<Op> all = ops.all();
    assertEquals("tolerate EPERM,EBUSY", all.get(create).policy().toString());
    int refused = ops.indexOf(what + "not permitted here");
    int joined = ops.indexOf(what + "the mount made");
    assertEquals("jump to " + refused + " if $" + create + " != 0",
        Ops.jump(all.get(create + 1)));
    assertEquals(List.of(
        "fsmount($" + context + ", FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID)",
        "store($" + (create + 2) + ", <buffer of 4 bytes>)",
        "jump(0, 0, " + (joined - 1) + ")",
        "open_tree(AT_FDCWD, \"/sys/fs/cgroup/unified\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC)",
        "mount_setattr($" + refused + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY|"
            + "MOUNT_ATTR_NOSUID, clear=0, propagation=0, userns_fd=0}, 32)",
        "store($" + refused + ", <buffer of 4 bytes>)",
        "close($" + context + ")",
        "load(<buffer of 4 bytes>)",
        "move_mount($" + joined + ", \"\", $" + ops.indexOf(what + "open /sys/fs/cgroup")
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
        ops.calls(op -> op.index() > create + 1 && op.index() <= joined + 1));
  }

  @Test
  void aFileBindMountGetsAnEmptyFileAsItsMountPoint() throws Exception {
    Path file = Files.writeString(temp.resolve("resolv.conf"), "nameserver 10.0.0.1\n");
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/etc/resolv.conf", null, file.toString(), List.of("bind")))), false);

    String what = "bind mount " + file + " on /etc/resolv.conf: ";
    assertEquals(List.of("mknodat($" + (ops.indexOf(what + "open /etc")) + ", \"resolv.conf\", "
        + "S_IFREG|0644, 0x0)"), ops.callsDescribed(what + "create file"));
    assertEquals("tolerate EEXIST", ops.described(what + "create file").policy().toString());
    assertTrue(ops.callsDescribed(what + "open /etc/resolv.conf").get(0)
        .contains("{flags=O_RDONLY|O_CLOEXEC|O_PATH, mode=0, " + IN_ROOT));
  }

  @Test
  void aRemountChangesTheAttributesOfTheMountAlreadyThere() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/sys", null, null, List.of("remount", "ro", "strictatime")))), false);

    int target = ops.indexOf("remount /sys: open /sys");
    assertEquals(List.of(
        "openat2($" + ops.indexOf("bind the rootfs onto itself: clone") + ", \"sys\", "
            + "{flags=O_RDONLY|O_CLOEXEC|O_PATH, mode=0, " + IN_ROOT_NO_SYMLINKS + ", 24)",
        "mount_setattr($" + target + ", \"\", AT_EMPTY_PATH, {set=MOUNT_ATTR_RDONLY|"
            + "MOUNT_ATTR_STRICTATIME, clear=MOUNT_ATTR_NOATIME|MOUNT_ATTR_STRICTATIME|0x40, "
            + "propagation=0, userns_fd=0}, 32)"), ops.callsDescribed("remount /sys"));
    assertEquals("close($" + target + ")", ops.call(ops.all().get(target + 2)));
  }

  @Test
  void idmappedBindMountsGetTheUserNamespaceTheHostPassesBeforeTheyAreAttached() {
    bundle.directory("data");
    List<IdMapping> map = List.of(new IdMapping(0, 100000, 65536));
    RootfsPlan plan = bundle.plan(TestBundle.withMounts(
        new Mount("/tmp", "tmpfs", "tmpfs", List.of()),
        new Mount("/data", null, "data", List.of("rbind", "ridmap"), map, map, null)));
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    Step userns = b.syscall(Syscall.GETPID);

    plan.emitMounts(b, false, Map.of(1, userns));
    Ops ops = new Ops(b.build());

    assertEquals(List.of(new RootfsPlan.IdmappedMount(1, map, map)), plan.idmappedMounts());
    int tree = ops.indexOf("on /data: clone");
    assertEquals(List.of(
        "store($0, <mount_attr.userns_fd>)",
        "mount_setattr($" + tree + ", \"\", AT_EMPTY_PATH|AT_RECURSIVE, {set=MOUNT_ATTR_IDMAP, "
            + "clear=0, propagation=0, userns_fd=$0}, 32)"),
        ops.calls(op -> op.index() > tree && op.index() < ops.indexOf("on /data: attach it")));
    assertThrows(IllegalArgumentException.class,
        () -> plan.emitMounts(InitProgram.builder(Arch.X86_64), false));
  }

  @Test
  void devicesAreMadeWithMknodatOwnedAsConfiguredAndDevIsCompleted() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withLinux(TestBundle.linux().devices(
        List.of(new Device("/dev/null", DeviceType.CHAR, 1L, 3L, 0600, null, null, null),
            new Device("/dev/net/tun", DeviceType.CHAR, 10L, 200L, null, 1000L, 1001L, null),
            new Device("/dev/sda", DeviceType.BLOCK, 8L, 0L),
            new Device("/dev/pipe", DeviceType.FIFO, null, null, null, null, null, null)))
        .build())), false);

    int dev = ops.indexOf("create the device nodes in /dev: open /dev");
    int net = ops.indexOf("create the device nodes in /dev/net: open /dev/net");
    assertEquals(List.of(
        "mknodat($" + dev + ", \"random\", S_IFCHR|0666, 0x108)",
        "mknodat($" + dev + ", \"full\", S_IFCHR|0666, 0x107)",
        "mknodat($" + dev + ", \"tty\", S_IFCHR|0666, 0x500)",
        "mknodat($" + dev + ", \"zero\", S_IFCHR|0666, 0x105)",
        "mknodat($" + dev + ", \"urandom\", S_IFCHR|0666, 0x109)",
        "mknodat($" + dev + ", \"null\", S_IFCHR|0600, 0x103)",
        "mknodat($" + dev + ", \"sda\", S_IFBLK|0666, 0x800)",
        "mknodat($" + dev + ", \"pipe\", S_IFIFO|0666, 0x0)",
        "mknodat($" + net + ", \"tun\", S_IFCHR|0666, 0xac8)"), ops.callsOf("mknodat"));
    int tun = ops.indexOf("create device /dev/net/tun");
    assertEquals("fchownat($" + net + ", \"tun\", 1000, 1001, AT_SYMLINK_NOFOLLOW)",
        ops.call(ops.all().get(tun + 2)));
    assertEquals("jump to " + (tun + 3) + " if $" + tun + " != 0",
        Ops.jump(ops.all().get(tun + 1)), "an existing node is left as it is");
    int devFd = ops.indexOf("set up /dev: open /dev");
    assertEquals(List.of(
        "unlinkat($" + devFd + ", \"ptmx\", 0)",
        "symlinkat(\"pts/ptmx\", $" + devFd + ", \"ptmx\")",
        "symlinkat(\"/proc/self/fd\", $" + devFd + ", \"fd\")",
        "symlinkat(\"/proc/self/fd/0\", $" + devFd + ", \"stdin\")",
        "symlinkat(\"/proc/self/fd/1\", $" + devFd + ", \"stdout\")",
        "symlinkat(\"/proc/self/fd/2\", $" + devFd + ", \"stderr\")",
        "symlinkat(\"/proc/kcore\", $" + devFd + ", \"core\")"),
        ops.calls(op -> op.description().startsWith("set up /dev:")
            && (op.syscallName().equals("unlinkat") || op.syscallName().equals("symlinkat"))));
  }

  @Test
  void inAUserNamespaceDevicesAreTheHostsNodesBoundOntoEmptyFiles() {
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.spec().build()), true);

    assertEquals(List.of(), ops.calls(op -> op.syscallName().equals("mknodat")
        && !ops.call(op).contains("S_IFREG, 0x0")));
    String what = "bind device /dev/zero from the host: ";
    int dev = ops.indexOf("create the device nodes in /dev: open /dev");
    int file = ops.indexOf(what + "open /dev/zero");
    int tree = ops.indexOf(what + "clone");
    assertEquals(List.of(
        "mknodat($" + dev + ", \"zero\", S_IFREG, 0x0)",
        "openat2($" + dev + ", \"zero\", {flags=O_RDONLY|O_CLOEXEC|O_PATH, mode=0, "
            + "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24)",
        "open_tree(AT_FDCWD, \"/dev/zero\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC)",
        "move_mount($" + tree + ", \"\", $" + file
            + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
        ops.callsDescribed(what));
  }

  @Test
  void aBindMountedDevIsLeftAsItIs() {
    Path dev = bundle.directory("dev");
    Ops ops = TestBundle.mounts(bundle.plan(TestBundle.withMounts(
        new Mount("/dev", null, dev.toString(), List.of("rbind")))), false);

    assertEquals(List.of(), ops.callsOf("mknodat"));
    assertEquals(List.of(), ops.callsOf("symlinkat"));
  }
}
