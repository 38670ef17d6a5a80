package io.capsa.cli;

import io.capsa.runtime.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code capsa kill}: signals the container's init; SIGTERM unless a signal is named. */
@Command(name = "kill",
    description = "kill sends the specified signal (default: SIGTERM) to the container's init process")
final class KillCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Option(names = {"-a", "--all"},
      description = "send the specified signal to all processes inside the container")
  boolean all;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Parameters(index = "1", arity = "0..1", paramLabel = "[signal]",
      description = "a name (KILL, SIGKILL) or number (9); default SIGTERM")
  String signal = "SIGTERM";

  @Override
  public void run() {
    Signal parsed;
    try {
      parsed = Signal.parse(signal);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    capsa.runtime().load(id).kill(parsed, all);
  }
}
