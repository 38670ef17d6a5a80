package io.capsa.cli;

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
    subcommands = {SpecCommand.class})
public final class Capsa implements Runnable {

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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  CliLog log() {
    return new CliLog(logFormat, logFile, debug);
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
    commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
      capsa.log().error(err, exception);
      return 1;
    });
    return commandLine.execute(args);
  }
}
