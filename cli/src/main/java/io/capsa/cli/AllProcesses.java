package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kill --all without a cgroup to enumerate the container's processes: SIGKILL to the init of a
 * container with its own PID namespace reaches all of them (the kernel kills a namespace with
 * its init), so that case is exactly --all; every other is refused rather than half done.
 */
final class AllProcesses {

  private AllProcesses() {}

  static void check(Container container, Signal signal) {
    Integer pid = container.state().pid();
    if (!signal.equals(Signal.KILL)) {
      throw new CliException("kill --all with " + signal + " needs the container's cgroup to"
          + " find its processes, which Capsa does not manage yet; only SIGKILL is supported");
    }
    if (pid != null && pid > 0 && sharesPidNamespace(pid)) {
      throw new CliException("kill --all: container " + container.id() + " shares this host's"
          + " PID namespace, and without its cgroup Capsa cannot find all its processes");
    }
  }

  private static boolean sharesPidNamespace(int pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", "pid"))
          .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")));
    } catch (IOException e) {
      // The init is gone: kill reports that in runc's words.
      return false;
    }
  }
}
