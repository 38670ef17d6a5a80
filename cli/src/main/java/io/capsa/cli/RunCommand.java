package io.capsa.cli;

import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.CreateOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa run}: create and start. In the foreground it forwards signals, relays the
 * caller's terminal to the container's when the process has one, waits, deletes
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
    CreateOptions.Builder options = flags.options(bundle, detach);
    if (!detach && ConsoleSocketOption.terminal(bundle)) {
      try (TerminalRelay relay = TerminalRelay.open()) {
        return foreground(capsa.runtime().create(id, bundle,
            options.consoleSocket(ConsoleSocket.of(relay.socket())).build()), relay);
      }
    }
    Container container = capsa.runtime().create(id, bundle, options.build());
    if (detach) {
      flags.created(container);
      container.start();
      return 0;
    }
    return foreground(container, null);
  }

  /** Runs the container to its end, relaying its terminal when there is a {@code relay}. */
  private int foreground(Container container, TerminalRelay relay) throws InterruptedException {
    flags.created(container);
    try {
      SignalForwarding.to(container);
      if (relay != null) {
        relay.start();
      }
      container.start();
      int code = container.exit().get().code();
      if (relay != null) {
        relay.drain();
      }
      return code;
    } catch (ExecutionException e) {
      throw new ContainerException("waiting for", id, e.getCause());
    } finally {
      if (!keep) {
        container.close();
      }
    }
  }
}
