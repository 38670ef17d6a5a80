package io.capsa.cli;

import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import io.capsa.sys.SpawnRequest;
import io.capsa.sys.SpawnedProcess;
import io.capsa.sys.SyscallException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's ps(1) as runc runs it for {@code ps}: found on PATH, with capsa's environment, an
 * empty stdin, and stdout and stderr together. It is started with posix_spawn through the host
 * syscalls, as hooks are, because the JVM never forks; its output goes to a memfd, so a long
 * table can never block it on a full pipe while capsa waits for its exit.
 */
final class HostPs {
  private HostPs() {}

  /** What {@code ps OPTIONS} printed; a CliException when it cannot start or fails. */
  static String run(List<String> options) {
    List<String> argv = new ArrayList<>(List.of("ps"));
    argv.addAll(options);
    String command = String.join(" ", argv);
    HostSyscalls host = HostSyscalls.get();
    try (Pipe stdin = host.pipe2(0);
        Fd output = host.memfdCreate("capsa-ps-output", 0)) {
      stdin.writeEnd().close();
      ChildStatus status;
      try (SpawnedProcess ps = host.spawn(new SpawnRequest(executable(), argv, environment(),
          Map.of(0, stdin.readEnd(), 1, output, 2, output)))) {
        status = host.awaitExit(ps.pidfd());
      } catch (SyscallException e) {
        throw new CliException(command + ": " + e.getMessage());
      }
      String printed = Files.readString(Path.of("/proc/self/fd/" + output.number()),
          StandardCharsets.UTF_8);
      if (!(status.exited() && status.status() == 0)) {
        throw new CliException(command + ": " + status + ": " + printed.strip());
      }
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the output of " + command, e);
    }
  }

  /** The first executable ps on PATH, as Go's exec.LookPath finds it for runc. */
  private static String executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, "ps");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new CliException("exec: \"ps\": executable file not found in $PATH");
  }

  private static List<String> environment() {
    return System.getenv().entrySet().stream()
        .map(variable -> variable.getKey() + "=" + variable.getValue())
        .toList();
  }
}
