package io.capsa.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's ./capsa launcher as a separate process and collects what it printed.
 * Output goes through files, not pipes: a container made by create or run --detach inherits
 * capsa's stdout and stderr and would hold a pipe open long after capsa has exited.
 */
final class CapsaProcess {

  private static final long TIMEOUT_SECONDS = 120;

  record Result(int exitCode, String stdout, String stderr) {}

  private CapsaProcess() {}

  static Path launcher() {
    String repo = System.getProperty("capsa.repo.dir");
    if (repo == null) {
      throw new IllegalStateException("system property capsa.repo.dir is not set (surefire sets it from the parent pom)");
    }
    return Path.of(repo, "capsa");
  }

  static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    return start(new ProcessBuilder(command), workingDirectory, "capsa " + String.join(" ", args));
  }

  /**
   * Runs {@code script} with bash, the launcher in $CAPSA: for what a Java process cannot set
   * up for its child, such as fds above 2 or an exec that keeps the pid.
   */
  static Result shell(Path workingDirectory, String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
    builder.environment().put("CAPSA", launcher().toString());
    return start(builder, workingDirectory, script);
  }

  private static Result start(ProcessBuilder builder, Path workingDirectory, String what)
      throws IOException, InterruptedException {
    // A build run by a systemd service of Type=notify has NOTIFY_SOCKET, which would make every
    // run and start wait for a READY no test container sends; tests that want it set it.
    builder.environment().remove("NOTIFY_SOCKET");
    Path stdout = Files.createTempFile("capsa", ".out");
    Path stderr = Files.createTempFile("capsa", ".err");
    try {
      Process process = builder.directory(workingDirectory.toFile())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
