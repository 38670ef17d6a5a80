package io.capsa.sys.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion within a time limit and returns what it printed on stdout. */
public final class CommandRunner {
  private static final Duration TIME_LIMIT = Duration.ofMinutes(2);
  // A thread of its own per pipe: blocking reads in the common pool could starve each other.
  private static final Executor THREAD_PER_PIPE = CommandRunner::startDaemon;

  private CommandRunner() {}

  /**
   * Runs {@code command}; fails the test with the command, exit status and stderr if it exits
   * with a non-zero status or outlives the time limit.
   */
  public static String run(List<String> command) throws IOException, InterruptedException {
    // stdin is /dev/null so that a program reading it sees end of file instead of waiting forever.
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    // Both pipes are drained while the process runs: a full pipe would block it forever.
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    if (!process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish within " + TIME_LIMIT.toSeconds() + " s");
    }
    if (process.exitValue() != 0) {
      fail(
          String.join(" ", command)
              + " exited with status "
              + process.exitValue()
              + ":\n"
              + stderr.join());
    }
    return stdout.join();
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        THREAD_PER_PIPE);
  }

  private static void startDaemon(Runnable task) {
    Thread thread = new Thread(task, "command-output");
    thread.setDaemon(true);
    thread.start();
  }
}
