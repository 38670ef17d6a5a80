package io.capsa.sys;

import java.util.List;
import java.util.Map;

/**
 * A program to start with posix_spawn: the {@code path} to execute, its {@code argv} and
 * {@code env}, and the descriptors the child gets, by the number it sees them as
 * ({@code childFds}: child number → descriptor here).
 *
 * <p>The child gets exactly those descriptors: every other number up to the highest mapped one is
 * closed and everything above it is closed too, so nothing of the JVM leaks into it (the
 * CVE-2024-21626 class). To inherit stdio, map 0–2 to {@link Fd#borrowed(int)} 0–2.
 */
public record SpawnRequest(
    String path, List<String> argv, List<String> env, Map<Integer, Fd> childFds) {
  public SpawnRequest {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv needs at least argv[0]");
    }
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    childFds = Map.copyOf(childFds);
    for (int child : childFds.keySet()) {
      if (child < 0) {
        throw new IllegalArgumentException("negative child fd " + child);
      }
    }
  }

  /** The lowest child fd number above every mapped one: the child has nothing open from here on. */
  public int closeFrom() {
    return childFds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
  }
}
