package io.capsa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The runtime's log lines, in runc's two formats: text ({@code time="..." level=error msg="..."})
 * and json (one {@code {"level":..,"msg":..,"time":..}} object per line, the last error line of
 * which containerd's shim reports). Lines go to the --log file when one is given, else stderr.
 */
final class CliLog {

  enum Format { text, json }

  private final Format format;
  private final Path file;
  private final boolean debug;

  CliLog(Format format, Path file, boolean debug) {
    this.format = format;
    this.file = file;
    this.debug = debug;
  }

  void error(PrintWriter stderr, Throwable failure) {
    write(stderr, "error", message(failure));
  }

  /** Whether a library message of {@code level} is logged: info and up, debug with --debug. */
  boolean logs(System.Logger.Level level) {
    return level != System.Logger.Level.OFF
        && level.getSeverity() >= (debug ? System.Logger.Level.TRACE : System.Logger.Level.INFO)
        .getSeverity();
  }

  /** A library message, under runc's (logrus's) name of its level. */
  void log(PrintWriter stderr, System.Logger.Level level, String message) {
    if (logs(level)) {
      write(stderr, switch (level) {
        case ALL, TRACE, DEBUG -> "debug";
        case INFO -> "info";
        case WARNING -> "warning";
        case ERROR, OFF -> "error";
      }, RuncWording.of(message));
    }
  }

  private void write(PrintWriter stderr, String level, String message) {
    String line = format(level, message, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (file == null) {
      stderr.println(line);
      return;
    }
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      stderr.println(format("error", "writing log file " + file + ": " + e.getMessage(), Instant.now().toString()));
      stderr.println(line);
    }
  }

  String format(String level, String message, String time) {
    if (format == Format.json) {
      return "{\"level\":" + Json.quote(level) + ",\"msg\":" + Json.quote(message) + ",\"time\":" + Json.quote(time) + "}";
    }
    return "time=" + Json.quote(time) + " level=" + level + " msg=" + Json.quote(message);
  }

  private static String message(Throwable failure) {
    if (failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
      return RuncWording.of(unchecked.getMessage() + ": "
          + RuncWording.ioError(unchecked.getCause()));
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getName() : RuncWording.of(message);
  }
}
