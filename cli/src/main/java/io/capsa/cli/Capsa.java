package io.capsa.cli;

import io.capsa.runtime.ContainerRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code capsa} command: runc's global flags and one subcommand class per verb. */
@Command(
    name = "capsa",
    versionProvider = VersionInfo.class,
    mixinStandardHelpOptions = true,
    description = "A daemonless, runc-compatible OCI container runtime for the JVM.",
    subcommands = {
      CreateCommand.class,
      StartCommand.class,
      RunCommand.class,
      KillCommand.class,
      DeleteCommand.class,
      StateCommand.class,
      ListCommand.class,
      FeaturesCommand.class,
      SpecCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      PsCommand.class,
      EventsCommand.class,
      UpdateCommand.class
    })
public final class Capsa implements Runnable {

  /** runc's --rootless values: auto decides from the effective uid, as Capsa always does. */
  enum Rootless { AUTO, TRUE, FALSE }

  @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "root directory for storage of container state (default: ${DEFAULT-VALUE})")
  Path root = Path.of("/run/capsa");

  @Option(names = "--log", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "write the runtime's log to FILE instead of stderr")
  Path logFile;

  @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
      description = "log format: text or json (default: ${DEFAULT-VALUE})")
  CliLog.Format logFormat = CliLog.Format.text;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "log debug messages")
  boolean debug;

  @Option(names = "--systemd-cgroup", scope = ScopeType.INHERIT,
      description = "use the systemd cgroup driver: not supported, Capsa manages cgroup v2 itself")
  boolean systemdCgroup;

  /**
   * Not inherited: {@code spec --rootless} is a verb's own flag. Capsa needs no hint: it writes
   * id maps itself as root and through a user namespace's own rules otherwise.
   */
  @Option(names = "--rootless", paramLabel = "auto|true|false",
      description = "accepted for runc compatibility; Capsa decides from its effective uid and the"
          + " config's user namespace (default: ${DEFAULT-VALUE})")
  Rootless rootless = Rootless.AUTO;

  /**
   * Capsa's own: containers get their cgroup, but not its limits (crun's {@code --cgroup-manager
   * disabled} for limits), for hosts whose cgroup v2 hierarchy lacks the controllers.
   */
  @Option(names = "--ignore-resource-limits", scope = ScopeType.INHERIT,
      description = "make containers' cgroups without their resource limits (for a host whose"
          + " cgroup v2 hierarchy lacks the controllers); pause, resume, ps, events and"
          + " kill --all still work")
  boolean ignoreResourceLimits;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  CliLog log() {
    return new CliLog(logFormat, logFile, debug);
  }

  ContainerRuntime runtime() {
    return ContainerRuntime.builder().root(root).ignoreResourceLimits(ignoreResourceLimits)
        .build();
  }

  /** For the verbs that would create a cgroup: the systemd driver does not exist in Capsa. */
  void refuseSystemdCgroup() {
    if (systemdCgroup) {
      throw new CliException("--systemd-cgroup is not supported: Capsa has no systemd cgroup"
          + " driver yet and manages cgroup v2 directly; drop the flag");
    }
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; returns the exit status runc would give. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Capsa capsa = new Capsa();
    CommandLine commandLine = new CommandLine(capsa)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(out)
        .setErr(err);
    CliLoggerFinder.sendTo(capsa::log, err);
    // As runc: what follows the container id is the host ps's options, dashes and all.
    commandLine.getSubcommands().get("ps").setStopAtPositional(true);
    commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
      capsa.log().error(err, exception);
      return 1;
    });
    // runc answers a wrong command line with its usage and exit status 1, the error logged.
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      capsa.log().error(err, exception);
      exception.getCommandLine().usage(err);
      return 1;
    });
    return commandLine.execute(args);
  }
}
