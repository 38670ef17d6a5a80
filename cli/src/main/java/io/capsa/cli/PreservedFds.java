package io.capsa.cli;

import io.capsa.sys.Fd;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fds from 3 up that go to the container's process, as runc hands them: first the sockets
 * of systemd socket activation (LISTEN_FDS, when LISTEN_PID names this process), for which the
 * process gets LISTEN_FDS=n and LISTEN_PID=1, then the --preserve-fds ones after them. Each
 * keeps its number.
 */
final class PreservedFds {
  static final Flag FLAG = Flag.value("N",
      "pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N)",
      "preserve-fds");
  private static final int FIRST = 3;

  private final int count;

  PreservedFds(int count) {
    this.count = count;
  }

  /** The fds to hand over, given the environment and pid of this process. */
  Handover handover(Map<String, String> environment, long pid) {
    if (count < 0) {
      throw new CliException("--preserve-fds must not be negative, was " + count);
    }
    int listening = listenFds(environment, pid);
    List<Fd> fds = new ArrayList<>();
    for (int fd = FIRST; fd < FIRST + listening; fd++) {
      fds.add(Fd.borrowed(fd));
    }
    int base = FIRST + listening;
    for (int fd = base; fd < base + count; fd++) {
      if (!Files.exists(Path.of("/proc/self/fd/" + fd), LinkOption.NOFOLLOW_LINKS)) {
        throw new CliException("unable to stat preserved-fd " + (fd - base) + " (of " + count
            + "): fd " + fd + " is not open: no such file or directory");
      }
      fds.add(Fd.borrowed(fd));
    }
    List<String> env = listening == 0 ? List.of()
        : List.of("LISTEN_FDS=" + listening, "LISTEN_PID=1");
    return new Handover(fds, env);
  }

  /** sd_listen_fds' rule: LISTEN_FDS counts only when LISTEN_PID is this process. */
  private static int listenFds(Map<String, String> environment, long pid) {
    String fds = environment.get("LISTEN_FDS");
    if (fds == null || !Long.toString(pid).equals(environment.get("LISTEN_PID"))) {
      return 0;
    }
    try {
      int n = Integer.parseInt(fds);
      return Math.max(n, 0);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The fds, in the order they get numbers from 3, and what the process's env gains. */
  record Handover(List<Fd> fds, List<String> environment) {}
}
