package io.capsa.runtime.cgroups;

import static io.capsa.sys.ArchConstant.CLONE_PARENT;
import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.F_SETFD;
import static io.capsa.sys.ArchConstant.O_APPEND;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CREAT;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitLauncher;
import io.capsa.init.InitProcess;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.Pipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process born in a cgroup the way a container's init is: capsa-init (started by the
 * InitLauncher, never forked from the JVM) calls clone3 with CLONE_INTO_CGROUP and the cgroup's
 * fd, and CLONE_PARENT so that the child is this JVM's; the child execs the command, the
 * parent reports the child's pid over a pipe and exits. Until the lifecycle can run whole
 * containers here, this is how the cgroup tests run real processes.
 */
final class ProcessInCgroup implements AutoCloseable {
  private static final HostSyscalls HOST = HostSyscalls.get();
  private static final int CGROUP_FD = 3;
  private static final int REPORT_FD = 4;

  private final int pid;
  private final Fd pidfd;

  private ProcessInCgroup(int pid, Fd pidfd) {
    this.pid = pid;
    this.pidfd = pidfd;
  }

  /**
   * Starts {@code argv} (argv[0] an absolute path) in {@code cgroup} with {@code cloneFlags}
   * added to the clone3 (e.g. CLONE_NEWCGROUP), stdout and stderr appended to {@code output}.
   */
  static ProcessInCgroup start(Cgroup cgroup, long cloneFlags, Path output, String... argv) {
    InitProgram program = program(cloneFlags, List.of(argv));
    try (Fd intoCgroup = cgroup.openForClone();
        Pipe report = HOST.pipe2(0);
        Fd out = HOST.openat2(Fd.cwd(), output.toString(), new OpenHow(
            flags(O_WRONLY, O_CREAT, O_APPEND, O_CLOEXEC), 0644, 0))) {
      try (InitProcess init = InitLauncher.get().launch(program, Map.of(1, out, 2, out,
          CGROUP_FD, intoCgroup, REPORT_FD, report.writeEnd()))) {
        report.writeEnd().close();
        init.awaitExec();
        ChildStatus status = init.waitFor();
        if (!status.exited() || status.status() != 0) {
          throw new IllegalStateException("capsa-init " + status + "\n" + program.render());
        }
      }
      byte[] pid = new byte[Integer.BYTES];
      if (HOST.readFully(report.readEnd(), pid) != pid.length) {
        throw new IllegalStateException("capsa-init reported no pid");
      }
      int childPid = ByteBuffer.wrap(pid).order(ByteOrder.nativeOrder()).getInt();
      return new ProcessInCgroup(childPid, HOST.pidfdOpen(childPid));
    }
  }

  private static InitProgram program(long cloneFlags, List<String> argv) {
    InitProgramBuilder b = InitProgram.builder();
    Arg.Immediate cgroupFd = Arg.fd(CGROUP_FD);
    Arg.Immediate reportFd = Arg.fd(REPORT_FD);
    b.fcntl(cgroupFd, F_SETFD, b.constant(FD_CLOEXEC));
    b.fcntl(reportFd, F_SETFD, b.constant(FD_CLOEXEC));
    Step child = b.clone3(b.constant(CLONE_PARENT) | cloneFlags, 0, cgroupFd)
        .describedAs("clone the process into its cgroup");
    Label inChild = b.label("child");
    b.jumpIf(child, Condition.EQ, 0, inChild);
    Arg.BlobRef pid = b.bytes(new byte[Integer.BYTES]);
    b.store(child, pid, Integer.BYTES);
    b.write(reportFd, pid, Integer.BYTES).describedAs("report the child's pid");
    b.exit(0);
    b.bind(inChild);
    b.execve(argv.get(0), argv, List.of("PATH=/usr/bin:/bin"));
    return b.build();
  }

  int pid() {
    return pid;
  }

  /** Waits for the process to end and reaps it; the status a shell reports. */
  int waitFor() {
    return HOST.awaitExit(pidfd).shellStatus();
  }

  /** The process state letter of /proc/PID/stat (R, S, D, T, Z, ...). */
  char state() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }

  @Override
  public void close() {
    pidfd.close();
  }

  private static long flags(ArchConstant... constants) {
    long flags = 0;
    for (ArchConstant constant : constants) {
      flags |= Arch.current().constant(constant);
    }
    return flags;
  }
}
