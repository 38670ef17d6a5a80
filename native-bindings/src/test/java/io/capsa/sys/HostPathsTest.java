package io.capsa.sys;

import static io.capsa.sys.ArchConstant.AT_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.AT_REMOVEDIR;
import static io.capsa.sys.ArchConstant.O_CREAT;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_PATH;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.O_WRONLY;
import static io.capsa.sys.ArchConstant.PROC_SUPER_MAGIC;
import static io.capsa.sys.ArchConstant.RESOLVE_IN_ROOT;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_MAGICLINKS;
import static io.capsa.sys.ArchConstant.STATX_BASIC_STATS;
import static io.capsa.sys.ArchConstant.S_IFDIR;
import static io.capsa.sys.ArchConstant.S_IFREG;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathsTest {
  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path tmp;

  private Fd openDirectory(Path path) {
    return host.openat2(Fd.cwd(), path.toString(), OpenHow.of(value(O_RDONLY, O_DIRECTORY), 0));
  }

  @Test
  void resolveInRootKeepsADotDotSymlinkInsideTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("bundle/rootfs"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hostname"), "inside");
    Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(tmp.resolve("etc/hostname"), "outside");
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../etc"));
    // Resolved normally, the link leaves the root.
    assertEquals("outside", Files.readString(root.resolve("escape/hostname")));

    try (Fd rootFd = openDirectory(root);
        Fd opened =
            host.openat2(
                rootFd,
                "escape/hostname",
                OpenHow.of(value(O_RDONLY), value(RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS)))) {
      String resolved = host.readlinkat(Fd.cwd(), "/proc/self/fd/" + opened.number());
      assertEquals(root.toRealPath().resolve("etc/hostname").toString(), resolved);
      byte[] contents = new byte[16];
      assertEquals("inside", new String(contents, 0, host.readFully(opened, contents), UTF_8));
    }
  }

  @Test
  void failureNamesTheCallThePathUnderTheRootAndTheError() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("rootfs"));
    try (Fd rootFd = openDirectory(root)) {
      SyscallException e =
          assertThrows(
              SyscallException.class,
              () ->
                  host.openat2(
                      rootFd, "/proc", OpenHow.of(value(O_RDONLY), value(RESOLVE_IN_ROOT))));
      assertEquals(
          "openat2 " + root.toRealPath() + "/proc: ENOENT (No such file or directory)",
          e.getMessage());
      assertEquals("openat2", e.syscall());
      assertEquals(Errno.ENOENT, e.errno().orElseThrow());
      assertEquals(Errno.ENOENT.number(Arch.current()), e.errnoNumber());
      assertEquals("No such file or directory", e.strerror());
      assertEquals(root.toRealPath() + "/proc", e.path().orElseThrow());
    }
  }

  @Test
  void aPathWithANulByteIsRefusedBeforeTheKernelSeesAShorterOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> host.mkdirat(Fd.cwd(), tmp + "/made\0/../../escape", 0755));
  }

  @Test
  void createsStatsAndRemovesRelativeToADirectory() throws Exception {
    try (Fd dir = openDirectory(tmp)) {
      host.mkdirat(dir, "sub", 0750);
      Statx sub = host.statx(dir, "sub", 0, value(STATX_BASIC_STATS));
      assertEquals(value(S_IFDIR), sub.fileType());
      assertEquals(0750, sub.mode() & 0777);

      try (Fd file =
          host.openat2(dir, "sub/file", new OpenHow(value(O_WRONLY, O_CREAT), 0640, 0))) {
        host.writeFully(file, "12345".getBytes(UTF_8));
        Statx self = host.statx(file, "", value(AT_EMPTY_PATH), value(STATX_BASIC_STATS));
        assertEquals(value(S_IFREG), self.fileType());
        assertEquals(5, self.size());
        assertEquals(Files.getAttribute(tmp.resolve("sub/file"), "unix:ino"), self.inode());
      }
      SyscallException notEmpty =
          assertThrows(
              SyscallException.class, () -> host.unlinkat(dir, "sub", value(AT_REMOVEDIR)));
      assertEquals(
          "unlinkat " + tmp.toRealPath() + "/sub: ENOTEMPTY (Directory not empty)",
          notEmpty.getMessage());
      host.unlinkat(dir, "sub/file", 0);
      host.unlinkat(dir, "sub", value(AT_REMOVEDIR));
      assertFalse(Files.exists(tmp.resolve("sub")));
    }
  }

  @Test
  void readsASymlinkRelativeToADirectory() throws Exception {
    Files.createSymbolicLink(tmp.resolve("link"), Path.of("../some/target"));
    try (Fd dir = openDirectory(tmp)) {
      assertEquals("../some/target", host.readlinkat(dir, "link"));
    }
  }

  @Test
  void fstatfsRecognisesProcfs() {
    try (Fd proc = host.openat2(Fd.cwd(), "/proc", OpenHow.of(value(O_PATH, O_DIRECTORY), 0))) {
      assertEquals(Arch.current().constant(PROC_SUPER_MAGIC), host.fstatfs(proc).type());
    }
  }
}
