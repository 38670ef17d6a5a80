package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The setup ops of a container's init, run for real in new mount and UTS namespaces: they need
 * root. Numbers, flags and structs come from the program's architecture and meet a real
 * kernel, through qemu-user for ppc64le.
 */
class ContainerSetupTest {
  /** CAP_SYS_ADMIN, dropped from the bounding set below. */
  private static final int CAP_SYS_ADMIN = 21;

  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void setsUpNamespacesMountsFilesAndLimitsBeforeExec(Arch arch) throws Exception {
    assumeTrue(isRoot(), "needs root for unshare(CLONE_NEWNS|CLONE_NEWUTS) and mount");
    String rootfs = temp.toString();
    InitProgramBuilder b = InitProgram.builder(arch);
    Arg.Immediate cwd = Arg.fd((int) b.constant(AT_FDCWD));
    b.unshare(b.flags(CLONE_NEWNS, CLONE_NEWUTS));
    b.mount(null, "/", null, b.flags(MS_REC, MS_PRIVATE), null);
    b.sethostname("capsa-test");
    b.mount("tmpfs", rootfs, "tmpfs", b.flags(MS_NOSUID, MS_NODEV), "size=1m,mode=755");
    Step root = b.openat(cwd, rootfs, b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0);
    b.mkdirat(root, "etc", 0755);
    Step hostname = b.openat(root, "etc/hostname", b.flags(O_WRONLY, O_CREAT, O_CLOEXEC), 0644);
    b.write(hostname, "written inside the root\n");
    b.umask(027);
    b.prlimit(RLIMIT_NOFILE, 100, 200);
    b.setNoNewPrivs();
    b.dropBoundingCapability(CAP_SYS_ADMIN);
    b.execve("/bin/sh", List.of("sh", "-c", String.join("; ", "uname -n",
        "cat \"$1/etc/hostname\"", "umask", "ulimit -n", "ulimit -Hn",
        "grep -E '^(NoNewPrivs|CapBnd)' /proc/self/status"), "sh", rootfs),
        List.of("PATH=/usr/bin:/bin"));

    InitProgram program = b.build();

    CapsaInitProcess.Result result = CapsaInitProcess.run(program);

    assertEquals(Optional.empty(), result.failure().map(failure -> failure.describe(program)));
    List<String> lines = result.stdout().lines().toList();
    assertEquals(List.of("capsa-test", "written inside the root", "0027", "100", "200"),
        lines.subList(0, 5), result.toString());
    assertEquals("NoNewPrivs:\t1", lines.get(6));
    long bounding = Long.parseLong(lines.get(5).substring("CapBnd:".length()).trim(), 16);
    assertEquals(0, bounding & (1L << CAP_SYS_ADMIN), "CAP_SYS_ADMIN left the bounding set");
    assertEquals(List.of(), Files.list(temp).toList(), "the tmpfs stays in its mount namespace");
  }

  private static boolean isRoot() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
  }
}
