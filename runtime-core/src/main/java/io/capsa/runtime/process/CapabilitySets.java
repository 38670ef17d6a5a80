package io.capsa.runtime.process;

import io.capsa.oci.Capabilities;
import io.capsa.runtime.config.ConfigProblems;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The five capability sets of a process as 64-bit masks, capability n at bit n.
 *
 * <p>Names Capsa does not know are problems. Names it knows but the running kernel does not
 * (numbers above cap_last_cap) are left out with a warning, as runc does, so that one config
 * serves older kernels. Two combinations the kernel refuses are settled here: an effective
 * capability that is not permitted is a problem (capset would fail with EPERM), an ambient one
 * that is not both permitted and inheritable is left out, said only in a debug message. runc
 * 1.1 and 1.2 leave such ones out silently (their capability library drops the EPERM of the
 * raise), as crun does, and runc 1.1's {@code runc spec} lists ambient capabilities without
 * inheritable ones, so every container made from it has some: a warning there would be noise
 * for a configuration that is the usual one.
 */
record CapabilitySets(long bounding, long effective, long permitted, long inheritable,
    long ambient) {
  private static final System.Logger LOG = System.getLogger(CapabilitySets.class.getName());

  static CapabilitySets from(Capabilities capabilities, String path, int lastCapability,
      ConfigProblems problems) {
    Set<String> unavailable = new TreeSet<>();
    Conversion conversion = new Conversion(path, lastCapability, problems, unavailable);
    long bounding = conversion.mask("bounding", capabilities.bounding());
    long effective = conversion.mask("effective", capabilities.effective());
    long permitted = conversion.mask("permitted", capabilities.permitted());
    long inheritable = conversion.mask("inheritable", capabilities.inheritable());
    long ambient = conversion.mask("ambient", capabilities.ambient());
    if (!unavailable.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "ignoring capabilities this kernel does not have "
          + "(its last is " + lastCapability + "): " + String.join(", ", unavailable));
    }
    List<String> effectiveNames = orEmpty(capabilities.effective());
    for (int i = 0; i < effectiveNames.size(); i++) {
      long bit = conversion.bit(effectiveNames.get(i));
      if ((bit & ~permitted) != 0) {
        problems.add(path + ".effective[" + i + "]", effectiveNames.get(i)
            + " is not in the permitted set; the kernel refuses an effective capability that"
            + " is not permitted");
      }
    }
    long raisable = ambient & permitted & inheritable;
    if (raisable != ambient) {
      LOG.log(System.Logger.Level.DEBUG, "not raising ambient capabilities that are not both "
          + "permitted and inheritable: " + names(ambient & ~raisable));
    }
    return new CapabilitySets(bounding, effective, permitted, inheritable, raisable);
  }

  /** An absent set is an empty one. */
  private static List<String> orEmpty(List<String> names) {
    return names == null ? List.of() : names;
  }

  /** The names of the capabilities in {@code mask}, for messages. */
  static String names(long mask) {
    StringBuilder names = new StringBuilder();
    for (int n = 0; n < Long.SIZE; n++) {
      if ((mask & (1L << n)) != 0) {
        names.append(names.length() == 0 ? "" : ", ").append(name(n));
      }
    }
    return names.toString();
  }

  /** {@code CAP_KILL}, or "capability 41" for one newer than Capsa's table. */
  static String name(int number) {
    return Capability.numbered(number).map(Enum::name).orElse("capability " + number);
  }

  /** Turns the lists of one config into masks, collecting problems and unavailable names. */
  private record Conversion(String path, int lastCapability, ConfigProblems problems,
      Set<String> unavailable) {
    long mask(String set, List<String> given) {
      List<String> names = orEmpty(given);
      long mask = 0;
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (Capability.named(name).isEmpty()) {
          problems.add(path + "." + set + "[" + i + "]", "unknown capability \"" + name + "\"");
        } else {
          mask |= bit(name);
        }
      }
      return mask;
    }

    /** The capability's bit, 0 when unknown or absent from this kernel. */
    long bit(String name) {
      return Capability.named(name).map(capability -> {
        if (capability.number() > lastCapability) {
          unavailable.add(name);
          return 0L;
        }
        return capability.bit();
      }).orElse(0L);
    }
  }
}
