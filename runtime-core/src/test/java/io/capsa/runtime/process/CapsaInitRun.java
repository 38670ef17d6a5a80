package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CREAT;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.O_TRUNC;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.init.InitBinary;
import io.capsa.init.InitLauncher;
import io.capsa.init.InitOpFailedException;
import io.capsa.init.InitProcess;
import io.capsa.init.InitProgram;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a program with the real capsa-init through the host launcher: stdout and stderr into
 * files of a directory, and /dev/null at each of {@code devNullFds} (fds the container
 * inherits, from 3 up).
 */
final class CapsaInitRun {
  private static final HostSyscalls HOST = HostSyscalls.get();

  private CapsaInitRun() {}

  /**
   * How a run ended.
   *
   * @param failure the message of the op that failed, as the runtime would throw it
   */
  record Result(int exitStatus, Optional<String> failure, String stdout, String stderr) {}

  static Result run(InitProgram program, Path directory, List<Integer> devNullFds)
      throws IOException {
    Path stdout = directory.resolve("stdout");
    Path stderr = directory.resolve("stderr");
    Map<Integer, Fd> childFds = new HashMap<>();
    try {
      childFds.put(1, create(stdout));
      childFds.put(2, create(stderr));
      for (int fd : devNullFds) {
        childFds.put(fd, open(Path.of("/dev/null"), flags(O_RDONLY, O_CLOEXEC), 0));
      }
      try (InitProcess init = InitLauncher.get().launch(program, childFds)) {
        Optional<String> failure = Optional.empty();
        try {
          init.awaitExec();
        } catch (InitOpFailedException e) {
          failure = Optional.of(e.getMessage());
        }
        int status = init.waitFor().shellStatus();
        return new Result(status, failure, Files.readString(stdout), Files.readString(stderr));
      }
    } finally {
      childFds.values().forEach(Fd::close);
    }
  }

  private static Fd create(Path file) {
    return open(file, flags(O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC), 0600);
  }

  private static Fd open(Path file, long flags, long mode) {
    return HOST.openat2(Fd.cwd(), file.toString(), new OpenHow(flags, mode, 0));
  }

  private static long flags(ArchConstant... constants) {
    long flags = 0;
    for (ArchConstant constant : constants) {
      flags |= Arch.current().constant(constant);
    }
    return flags;
  }

  static boolean isRoot() {
    return HOST.geteuid() == 0;
  }

  static boolean canRun() {
    return InitBinary.isAvailable(Arch.current());
  }
}
