package io.capsa.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * exec's --cgroup, in runc's grammar: {@code PATH}, given once, or {@code
 * CONTROLLER[,CONTROLLER...]:PATH}, repeatable, for cgroup v1's per-controller hierarchies.
 * Capsa's containers have one cgroup v2 cgroup, so only the first form names a cgroup; a
 * controller prefix is refused as runc refuses it on a cgroup v2 host ("unknown controller"),
 * and the malformed forms in runc's words.
 */
final class SubCgroupOption {
  static final Flag FLAG = Flag.value("PATH", "run the process in an (existing) sub-cgroup of"
      + " the container's cgroup. Format is [<controller>:]<cgroup>; on cgroup v2 a path alone",
      "cgroup");

  private SubCgroupOption() {}

  /** The sub-cgroup path the flags give, or empty when none is given. */
  static Optional<String> path(List<String> given) {
    Set<String> controllers = new HashSet<>();
    for (String argument : given) {
      int colon = argument.indexOf(':');
      if (colon < 0) {
        if (given.size() != 1) {
          throw new CliException("invalid --cgroup argument: " + argument
              + " (missing <controller>: prefix)");
        }
        continue;
      }
      for (String controller : argument.substring(0, colon).split(",", -1)) {
        if (controller.isEmpty()) {
          throw new CliException("invalid --cgroup argument: " + argument
              + " (empty <controller> prefix)");
        }
        if (!controllers.add(controller)) {
          throw new CliException("invalid --cgroup argument(s): controller " + controller
              + " specified multiple times");
        }
      }
    }
    if (!controllers.isEmpty()) {
      throw new CliException("unknown controller " + controllers.stream().sorted().findFirst()
          .orElseThrow() + " in --cgroup: the container's cgroup is a cgroup v2 one, whose"
          + " controllers share one path, given without a <controller>: prefix");
    }
    return given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
  }
}
