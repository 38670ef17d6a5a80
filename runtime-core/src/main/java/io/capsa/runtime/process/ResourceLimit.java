package io.capsa.runtime.process;

import io.capsa.oci.Rlimit;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.ArchConstant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One resource limit, set with prlimit on the process itself before it drops the capability
 * (CAP_SYS_RESOURCE) that raising a hard limit needs.
 *
 * @param soft the soft limit as the kernel's unsigned 64-bit word; -1 is RLIM_INFINITY
 * @param hard the hard limit, likewise
 */
record ResourceLimit(ArchConstant resource, long soft, long hard) {
  private static final Map<String, ArchConstant> RESOURCES = Arrays.stream(ArchConstant.values())
      .filter(c -> c.name().startsWith("RLIMIT_"))
      .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

  /**
   * Converts {@code rlimits}: each type must be a resource the kernel has, given once (the
   * runtime-spec requires an error for duplicates), with a soft limit not above its hard one.
   */
  static List<ResourceLimit> fromAll(List<Rlimit> given, String path, ConfigProblems problems) {
    List<Rlimit> rlimits = given == null ? List.of() : given;
    List<ResourceLimit> limits = new ArrayList<>();
    Map<ArchConstant, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < rlimits.size(); i++) {
      Rlimit rlimit = rlimits.get(i);
      String at = path + "[" + i + "]";
      ArchConstant resource = RESOURCES.get(rlimit.type());
      if (resource == null) {
        problems.add(at + ".type", "unknown resource limit \"" + rlimit.type() + "\"");
        continue;
      }
      Integer earlier = firstIndex.putIfAbsent(resource, i);
      if (earlier != null) {
        problems.add(at + ".type",
            rlimit.type() + " is already set at " + path + "[" + earlier + "]");
      }
      if (Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
        problems.add(at + ".soft", "soft limit " + Long.toUnsignedString(rlimit.soft())
            + " is above the hard limit " + Long.toUnsignedString(rlimit.hard()));
      }
      limits.add(new ResourceLimit(resource, rlimit.soft(), rlimit.hard()));
    }
    return limits;
  }
}
