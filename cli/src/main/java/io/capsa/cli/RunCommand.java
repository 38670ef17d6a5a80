package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa run}: create and start. In the foreground it forwards signals, waits, deletes
 * the container (unless --keep) and exits with the process's status (128 + the signal when a
 * signal ended it); with --detach it returns once the process runs.
 */
@Command(name = "run", description = "create and run a container")
final class RunCommand implements Callable<Integer> {

  @ParentCommand Capsa capsa;

  @Mixin CreateFlags flags;

  @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
  boolean detach;

  @Option(names = "--keep",
      description = "do not delete the container after it exits (a foreground run)")
  boolean keep;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public Integer call() throws InterruptedException {
    capsa.refuseSystemdCgroup();
    Path bundle = flags.bundle();
    Container container = capsa.runtime().create(id, bundle, flags.options(bundle, detach));
    flags.created(container);
    if (detach) {
      container.start();
      return 0;
    }
    try {
      SignalForwarding.to(container);
      container.start();
      return container.exit().get().code();
    } catch (ExecutionException e) {
      throw new ContainerException("waiting for", id, e.getCause());
    } finally {
      if (!keep) {
        container.close();
      }
    }
  }
}
