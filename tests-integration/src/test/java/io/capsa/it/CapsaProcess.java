package io.capsa.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the repository's ./capsa launcher as a separate process and collects what it printed. */
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
    Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = readAll(process.getInputStream());
    CompletableFuture<String> stderr = readAll(process.getErrorStream());
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("capsa " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), stdout.join(), stderr.join());
  }

  private static CompletableFuture<String> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
