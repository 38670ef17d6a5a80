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

  void debug(PrintWriter stderr, String message) {
    if (debug) {
      write(stderr, "debug", message);
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
    if (failure instanceof UncheckedIOException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getName() : message;
  }
}
