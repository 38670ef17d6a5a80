package io.capsa.sys;

import static io.capsa.sys.ArchConstant.AT_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.MNT_DETACH;
import static io.capsa.sys.ArchConstant.MOUNT_ATTR_NODEV;
import static io.capsa.sys.ArchConstant.MOUNT_ATTR_NOSUID;
import static io.capsa.sys.ArchConstant.MOUNT_ATTR_RDONLY;
import static io.capsa.sys.ArchConstant.MOVE_MOUNT_F_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.OPEN_TREE_CLONE;
import static io.capsa.sys.ArchConstant.O_CREAT;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.O_WRONLY;
import static io.capsa.sys.ArchConstant.RESOLVE_IN_ROOT;
import static io.capsa.sys.ArchConstant.STATX_MNT_ID;
import static io.capsa.sys.ArchConstant.TMPFS_MAGIC;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fd-based mount API. Creating mounts needs CAP_SYS_ADMIN, so these tests run as root only.
 * A JVM cannot enter a private mount namespace (unshare(CLONE_NEWNS) refuses a multi-threaded
 * process), so every mount here stays detached: reachable through its fd, invisible to every
 * other process, and gone when the last fd closes.
 */
class HostMountsTest {
  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path tmp;

  @BeforeEach
  void needsRoot() {
    assumeTrue(host.geteuid() == 0, "creating mounts needs root");
  }

  private Fd tmpfs() {
    try (Fd context = host.fsopen("tmpfs", 0)) {
      host.fsconfigSetString(context, "size", "1m");
      host.fsconfigCreate(context);
      return host.fsmount(context, 0, value(MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV));
    }
  }

  private Fd create(Fd dir, String path) {
    return host.openat2(
        dir, path, new OpenHow(value(O_WRONLY, O_CREAT), 0644, value(RESOLVE_IN_ROOT)));
  }

  @Test
  void fsmountMakesADetachedTmpfsThatMountSetattrMakesReadOnly() {
    try (Fd mount = tmpfs()) {
      assertEquals(Arch.current().constant(TMPFS_MAGIC), host.fstatfs(mount).type());
      try (Fd file = create(mount, "written")) {
        host.writeFully(file, "on tmpfs".getBytes(UTF_8));
      }

      host.mountSetattr(
          mount, "", value(AT_EMPTY_PATH), MountAttr.flags(value(MOUNT_ATTR_RDONLY), 0));
      SyscallException e = assertThrows(SyscallException.class, () -> create(mount, "refused"));
      assertTrue(e.is(Errno.EROFS), e.getMessage());
    }
  }

  @Test
  void openTreeCloneCopiesAMountWithoutAttachingIt() throws Exception {
    Files.writeString(tmp.resolve("seen"), "through the clone");
    try (Fd original =
            host.openat2(Fd.cwd(), tmp.toString(), OpenHow.of(value(O_RDONLY, O_DIRECTORY), 0));
        Fd clone = host.openTree(Fd.cwd(), tmp.toString(), value(OPEN_TREE_CLONE))) {
      long originalMount =
          host.statx(original, "", value(AT_EMPTY_PATH), value(STATX_MNT_ID)).mountId();
      long cloneMount = host.statx(clone, "", value(AT_EMPTY_PATH), value(STATX_MNT_ID)).mountId();
      assertNotEquals(originalMount, cloneMount);

      try (Fd seen = host.openat2(clone, "seen", OpenHow.of(value(O_RDONLY), 0))) {
        byte[] buffer = new byte[64];
        assertEquals(
            "through the clone", new String(buffer, 0, host.readFully(seen, buffer), UTF_8));
      }
    }
  }

  @Test
  void moveMountAttachesATmpfsInsideADetachedTree() throws Exception {
    Files.createDirectory(tmp.resolve("target"));
    try (Fd tree = host.openTree(Fd.cwd(), tmp.toString(), value(OPEN_TREE_CLONE));
        Fd mount = tmpfs()) {
      try (Fd file = create(mount, "moved")) {
        host.writeFully(file, "attached".getBytes(UTF_8));
      }
      try {
        host.moveMount(mount, "", tree, "target", value(MOVE_MOUNT_F_EMPTY_PATH));
      } catch (SyscallException e) {
        assumeTrue(
            !e.is(Errno.EINVAL),
            "attaching below a detached mount needs Linux 6.15: " + e.getMessage());
        throw e;
      }
      try (Fd target = host.openat2(tree, "target", OpenHow.of(value(O_RDONLY, O_DIRECTORY), 0))) {
        assertEquals(Arch.current().constant(TMPFS_MAGIC), host.fstatfs(target).type());
      }
      // The host's view of the directory did not change.
      assertEquals(0, Files.list(tmp.resolve("target")).count());
    }
  }

  @Test
  void umountOfANonMountNamesThePath() {
    SyscallException e =
        assertThrows(SyscallException.class, () -> host.umount2(tmp.toString(), value(MNT_DETACH)));
    assertEquals("umount2 " + tmp + ": EINVAL (Invalid argument)", e.getMessage());
  }

  @Test
  void fsconfigFailureNamesTheParameter() {
    try (Fd context = host.fsopen("tmpfs", 0)) {
      SyscallException e =
          assertThrows(
              SyscallException.class, () -> host.fsconfigSetString(context, "size", "lots"));
      assertEquals("fsconfig size=lots: EINVAL (Invalid argument)", e.getMessage());
    }
  }
}
