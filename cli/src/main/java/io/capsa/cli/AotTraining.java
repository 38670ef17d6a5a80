package io.capsa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workload the build runs once under {@code -XX:AOTCacheOutput} to record which classes the
 * CLI's common paths load and link, so that every later {@code capsa} start maps them from the
 * AOT cache instead of loading them again. It runs the real commands on a scratch directory.
 */
public final class AotTraining {

  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    Path scratch = Files.createTempDirectory("capsa-aot-training");
    try {
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      for (List<String> command : commands(scratch)) {
        Capsa.execute(command.toArray(String[]::new), discard, discard);
      }
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static List<List<String>> commands(Path scratch) {
    String bundle = scratch.toString();
    return List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("spec", "--bundle", bundle),
        List.of("spec", "--bundle", bundle),
        List.of("--log-format", "json", "spec", "--bundle", bundle),
        List.of("spec", "--rootless", "--bundle", scratch.resolve("missing").toString()));
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + directory, e);
    }
  }
}
