package io.capsa.it;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Stdio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a container to its end with stdout and stderr in one file. */
final class ContainerRuns {
  private ContainerRuns() {}

  /** How a run ended and what the process wrote. */
  record Outcome(ExitStatus status, String output) {}

  static Outcome run(ContainerRuntime runtime, String id, Path bundle)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    return run(runtime, id, bundle, CreateOptions.builder());
  }

  static Outcome run(ContainerRuntime runtime, String id, Path bundle,
      CreateOptions.Builder options)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    Path output = Files.createTempFile(bundle.getParent(), id, ".out");
    try (Container container = runtime.create(id, bundle, options
        .stdio(Stdio.files(Path.of("/dev/null"), output, output)).build())) {
      container.start();
      ExitStatus status = container.exit().get(60, TimeUnit.SECONDS);
      return new Outcome(status, Files.readString(output));
    }
  }
}
