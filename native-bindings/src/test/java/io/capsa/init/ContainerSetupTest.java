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
 * The setup ops of a container's init run for real: namespaces, mounts, limits, clone3. They
 * need root. Numbers, flags and structs come from the program's architecture and meet a real
 * kernel, through qemu-user for ppc64le where qemu-user passes the call on.
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
    Arg.Immediate cwd = b.atFdcwd();
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

  /**
   * clone3 with CLONE_NEWPID and CLONE_INTO_CGROUP, the cgroup fd stored into clone_args by a
   * store op: the child is PID 1 of its namespace and starts in the cgroup.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void clone3StartsAChildInANewPidNamespaceAndACgroup(Arch arch) throws Exception {
    assumeTrue(arch == Arch.current(), "qemu-user refuses clone3 (ENOSYS)");
    assumeTrue(isRoot(), "needs root for CLONE_NEWPID and a new cgroup");
    Optional<Path> cgroup2 = cgroup2Mount();
    assumeTrue(cgroup2.isPresent(), "needs a cgroup2 mount");
    Path cgroup = Files.createDirectory(cgroup2.get().resolve("capsa-test-" + ProcessHandle
        .current().pid() + "-" + arch.gnuName()));
    try {
      InitProgramBuilder b = InitProgram.builder(arch);
      Step cgroupFd = b.openat(b.atFdcwd(), cgroup.toString(),
          b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0);
      Step child = b.clone3(b.flags(CLONE_NEWPID), b.constant(SIGCHLD), cgroupFd);
      Label parent = b.label("parent");
      b.jumpIf(child, Condition.NE, 0, parent);
      b.execve("/bin/sh", List.of("sh", "-c", "echo pid $$; grep ^0:: /proc/self/cgroup"),
          List.of());
      b.bind(parent);
      b.syscall(io.capsa.sys.Syscall.WAIT4, child, Arg.of(0), Arg.of(0), Arg.of(0));

      CapsaInitProcess.Result result = CapsaInitProcess.run(b.build());

      assertEquals("pid 1\n0::/" + cgroup.getFileName() + "\n", result.stdout(),
          result.toString());
    } finally {
      Files.delete(cgroup);
    }
  }

  private static Optional<Path> cgroup2Mount() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" "))
        .filter(fields -> List.of(fields).contains("cgroup2") && fields[4].startsWith("/"))
        .map(fields -> Path.of(fields[4]))
        .findFirst();
  }

  private static boolean isRoot() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
  }
}
