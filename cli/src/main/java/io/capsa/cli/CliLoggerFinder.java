package io.capsa.cli;

import java.io.PrintWriter;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes the library's System.Logger messages into the CLI's log, in runc's format and to the
 * --log file, rather than java.util.logging's two-line records on stderr, which a caller
 * parsing the log would choke on. Registered as the JDK's logger finder service.
 */
public final class CliLoggerFinder extends System.LoggerFinder {
  private static volatile Supplier<CliLog> log = () -> new CliLog(CliLog.Format.text, null, false);
  private static volatile PrintWriter stderr = new PrintWriter(System.err, true);

  /** Where messages go from now on: the log of the command line being run. */
  static void sendTo(Supplier<CliLog> commandLog, PrintWriter commandStderr) {
    log = commandLog;
    stderr = commandStderr;
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Logger(name, name.startsWith("io.capsa."));
  }

  /**
   * Capsa's own loggers log by the command's level; the JDK's only warnings and errors, so that
   * --debug shows the runtime's steps rather than the JVM's (such as every Runtime.exit).
   */
  private record Logger(String name, boolean capsa) implements System.Logger {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return (capsa || level.getSeverity() >= Level.WARNING.getSeverity())
          && log.get().logs(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      if (isLoggable(level)) {
        log.get().log(stderr, level, thrown == null ? message : message + ": " + thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        log.get().log(stderr, level,
            params == null || params.length == 0 ? format : MessageFormat.format(format, params));
      }
    }
  }
}
