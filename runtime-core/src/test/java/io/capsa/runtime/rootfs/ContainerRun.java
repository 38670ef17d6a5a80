package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitBinary;
import io.capsa.init.InitLauncher;
import io.capsa.init.InitOpFailedException;
import io.capsa.init.InitProcess;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Step;
import io.capsa.sys.Arch;
import io.capsa.sys.HostSyscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real container made of a minimal namespace prologue, a plan's emitMounts, emitPivot and
 * emitLockdown, and busybox sh running a script, launched by the runtime's own {@link InitLauncher}.
 */
final class ContainerRun {
  static final Path BUSYBOX = Path.of("/bin/busybox");
  /** ELF program header type of the interpreter a dynamically linked executable needs. */
  private static final int PT_INTERP = 3;

  private ContainerRun() {}

  /**
   * How a run ended.
   *
   * @param failure the message of the op that failed, as the runtime would report it
   */
  record Result(int exitStatus, Optional<String> failure) {}

  /**
   * New mount, pid, uts, ipc and network namespaces; capsa-init forks there and goes on as
   * PID 1 of the new pid namespace with a procfs instance of its own, as the runtime's init
   * does; then the plan's ops and busybox sh -c {@code script}.
   */
  static Result run(RootfsPlan plan, boolean inUserNamespace, boolean noPivot, String script)
      throws IOException {
    InitProgramBuilder b = InitProgram.builder();
    b.unshare(b.flags(CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET));
    return run(b, plan, inUserNamespace, noPivot, script);
  }

  /**
   * As {@link #run(RootfsPlan, boolean, boolean, String)}, first in a new user namespace where
   * root is the host's root and nothing else is mapped (written by capsa-init itself: a
   * process may map its own user), without a network namespace, as runc's rootless example.
   */
  static Result runInUserNamespace(RootfsPlan plan, String script) throws IOException {
    InitProgramBuilder b = InitProgram.builder();
    b.unshare(b.constant(CLONE_NEWUSER));
    writeProcSelf(b, "uid_map", "0 0 1");
    writeProcSelf(b, "setgroups", "deny");
    writeProcSelf(b, "gid_map", "0 0 1");
    b.unshare(b.flags(CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, CLONE_NEWIPC));
    return run(b, plan, true, false, script);
  }

  private static void writeProcSelf(InitProgramBuilder b, String file, String text) {
    Step fd = b.openat(b.atFdcwd(), "/proc/self/" + file, b.flags(O_WRONLY, O_CLOEXEC), 0);
    b.write(fd, text);
    b.close(fd);
  }

  private static Result run(InitProgramBuilder b, RootfsPlan plan, boolean inUserNamespace,
      boolean noPivot, String script) {
    b.reaper();
    Step context = b.fsopen("proc", b.constant(FSOPEN_CLOEXEC));
    b.fsconfig(context, b.constant(FSCONFIG_CMD_CREATE), null, null, 0);
    Step procfs = b.fsmount(context, b.constant(FSMOUNT_CLOEXEC), 0);
    b.close(context);
    plan.emitMounts(b, inUserNamespace);
    plan.emitPivot(b, noPivot);
    plan.emitLockdown(b, procfs);
    b.close(procfs);
    b.execve("/bin/busybox", List.of("sh", "-c", script), List.of("PATH=/bin"));
    try (InitProcess init = InitLauncher.get().launch(b.build(), Map.of())) {
      Optional<String> failure = Optional.empty();
      try {
        init.awaitExec();
      } catch (InitOpFailedException e) {
        failure = Optional.of(e.getMessage());
      }
      return new Result(init.waitFor().shellStatus(), failure);
    }
  }

  /** A rootfs with the static busybox as /bin/busybox and the usual empty directories. */
  static void fill(Path rootfs) throws IOException {
    Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
    for (String directory : List.of("proc", "sys", "dev", "etc", "tmp")) {
      Files.createDirectories(rootfs.resolve(directory));
    }
  }

  static boolean canRun() {
    return InitBinary.isAvailable(Arch.current()) && HostSyscalls.get().geteuid() == 0
        && Files.isExecutable(BUSYBOX) && isStatic(BUSYBOX);
  }

  /** A static ELF has no PT_INTERP header: it runs in a rootfs without a dynamic loader. */
  private static boolean isStatic(Path executable) {
    try {
      ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(executable))
          .order(ByteOrder.LITTLE_ENDIAN);
      long headers = elf.getLong(0x20);
      int size = Short.toUnsignedInt(elf.getShort(0x36));
      int count = Short.toUnsignedInt(elf.getShort(0x38));
      for (int i = 0; i < count; i++) {
        if (elf.getInt((int) headers + i * size) == PT_INTERP) {
          return false;
        }
      }
      return true;
    } catch (IOException | IndexOutOfBoundsException e) {
      return false;
    }
  }
}
