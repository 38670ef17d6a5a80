package io.capsa.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named by pid and start time (field 22 of /proc/PID/stat, in clock ticks since boot).
 * A pid alone may be reused after the process exits; the pair never is, so a stored identity
 * can tell "our init is still running" from "some other process now has that pid".
 */
public record ProcessIdentity(int pid, long startTime) {

  /** The identity of the live process {@code pid}, or empty when there is none. */
  public static Optional<ProcessIdentity> of(int pid) {
    return startTimeOf(pid).map(start -> new ProcessIdentity(pid, start));
  }

  /** Whether this very process (not a successor with the same pid) still exists. */
  public boolean isAlive() {
    return startTimeOf(pid).map(start -> start == startTime).orElse(false);
  }

  private static Optional<Long> startTimeOf(int pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A process that ends between the open and the read fails the read with ESRCH.
      if (Files.notExists(Path.of("/proc", Integer.toString(pid)))) {
        return Optional.empty();
      }
      throw new IllegalStateException("reading /proc/" + pid + "/stat: " + e.getMessage(), e);
    }
    // The command name (field 2) is parenthesised and may itself contain spaces or ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state); a zombie has exited even though its pid still exists.
    if (fields[0].equals("Z") || fields[0].equals("X")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(fields[22 - 3]));
  }
}
