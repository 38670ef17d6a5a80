package io.capsa.runtime.process;

import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The environment a process execs with: {@code KEY=value} entries, a key given twice keeping
 * its last value, in the order of those last occurrences (runc's prepareEnv).
 */
record ProcessEnvironment(List<String> entries) {
  private static final String PATH_PREFIX = "PATH=";

  ProcessEnvironment {
    entries = List.copyOf(entries);
  }

  /** Checks and deduplicates {@code env}; null (absent) is an empty environment. */
  static ProcessEnvironment from(List<String> given, String path, ConfigProblems problems) {
    List<String> env = given == null ? List.of() : given;
    for (int i = 0; i < env.size(); i++) {
      String entry = env.get(i);
      int equals = entry.indexOf('=');
      if (equals < 0) {
        problems.add(path + "[" + i + "]", "must be KEY=value, has no '='");
      } else if (equals == 0) {
        problems.add(path + "[" + i + "]", "has an empty variable name");
      } else if (entry.indexOf('\0') >= 0) {
        problems.add(path + "[" + i + "]", "contains a NUL character");
      }
    }
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = env.size() - 1; i >= 0; i--) {
      String entry = env.get(i);
      int equals = entry.indexOf('=');
      if (equals > 0 && seen.add(entry.substring(0, equals))) {
        kept.add(entry);
      }
    }
    Collections.reverse(kept);
    return new ProcessEnvironment(kept);
  }

  /** The value of PATH, if the environment sets it. */
  Optional<String> path() {
    return entries.stream().filter(e -> e.startsWith(PATH_PREFIX))
        .map(e -> e.substring(PATH_PREFIX.length())).findFirst();
  }
}
