package io.capsa.cli;

import io.capsa.runtime.ContainerRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * runc's global flags, given before the verb (or, in Capsa, after it too). --rootless is taken
 * and changes nothing: Capsa writes id maps itself as root and goes through a user namespace's
 * own rules otherwise, deciding from its effective uid. --systemd-cgroup is refused by the verbs
 * that would make a cgroup: Capsa has no systemd driver.
 */
final class GlobalOptions {
  static final Flag ROOT = Flag.value("DIR",
      "root directory for storage of container state (default: /run/capsa)", "root");
  static final Flag LOG = Flag.value("FILE", "write the runtime's log to FILE instead of stderr",
      "log");
  static final Flag LOG_FORMAT = Flag.value("text|json", "log format (default: text)",
      "log-format");
  static final Flag DEBUG = Flag.bool("log debug messages", "debug");
  static final Flag SYSTEMD_CGROUP = Flag.bool(
      "use the systemd cgroup driver: not supported, Capsa manages cgroup v2 itself",
      "systemd-cgroup");
  static final Flag ROOTLESS = Flag.value("auto|true|false",
      "accepted for runc compatibility; Capsa decides from its effective uid (default: auto)",
      "rootless");
  /**
   * Capsa's own: containers get their cgroup, but not its limits (crun's {@code --cgroup-manager
   * disabled} for limits), for hosts whose cgroup v2 hierarchy lacks the controllers.
   */
  static final Flag IGNORE_RESOURCE_LIMITS = Flag.bool("make containers' cgroups without their"
      + " resource limits, for a host whose cgroup v2 hierarchy lacks the controllers (pause,"
      + " resume, ps, events and kill --all still work)", "ignore-resource-limits");
  static final Flag HELP = Flag.bool("show help", "h", "help");
  static final Flag VERSION = Flag.bool("print the version", "v", "version");
  static final List<Flag> FLAGS = List.of(ROOT, LOG, LOG_FORMAT, DEBUG, SYSTEMD_CGROUP, ROOTLESS,
      IGNORE_RESOURCE_LIMITS, HELP, VERSION);

  private static final Path DEFAULT_ROOT = Path.of("/run/capsa");
  private static final Set<String> ROOTLESS_VALUES = Set.of("auto", "true", "false");

  private final Arguments arguments;
  private final CliLog.Format logFormat;

  GlobalOptions(Arguments arguments) {
    this.arguments = arguments;
    // An unknown format is reported by check(), in the default format.
    this.logFormat = arguments.value(LOG_FORMAT).filter(f -> f.equals("json"))
        .map(f -> CliLog.Format.json).orElse(CliLog.Format.text);
  }

  /** Refuses values runc would refuse. */
  void check() {
    arguments.value(LOG_FORMAT).filter(f -> !f.equals("text") && !f.equals("json"))
        .ifPresent(f -> {
          throw new UsageException("invalid log-format: " + f);
        });
    arguments.value(ROOTLESS).filter(r -> !ROOTLESS_VALUES.contains(r)).ifPresent(r -> {
      throw new UsageException("invalid value \"" + r + "\" for flag -rootless: auto, true or"
          + " false");
    });
  }

  boolean has(Flag flag) {
    return arguments.has(flag);
  }

  CliLog log() {
    return new CliLog(logFormat, arguments.path(LOG), arguments.has(DEBUG));
  }

  Path root() {
    Path root = arguments.path(ROOT);
    return root == null ? DEFAULT_ROOT : root;
  }

  ContainerRuntime runtime() {
    return ContainerRuntime.builder().root(root())
        .ignoreResourceLimits(arguments.has(IGNORE_RESOURCE_LIMITS)).build();
  }

  /** For the verbs that would create a cgroup: the systemd driver does not exist in Capsa. */
  void refuseSystemdCgroup() {
    if (arguments.has(SYSTEMD_CGROUP)) {
      throw new CliException("--systemd-cgroup is not supported: Capsa has no systemd cgroup"
          + " driver yet and manages cgroup v2 directly; drop the flag");
    }
  }
}
