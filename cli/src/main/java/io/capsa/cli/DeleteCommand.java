package io.capsa.cli;

import io.capsa.runtime.state.ContainerStateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa delete}: removes a created or stopped container, a running one with --force. As
 * with runc, deleting with --force a container that does not exist succeeds.
 */
@Command(name = "delete", description = "delete any resources held by the container")
final class DeleteCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Option(names = {"-f", "--force"},
      description = "forcibly delete the container if it is still running (uses SIGKILL)")
  boolean force;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    try {
      capsa.runtime().load(id).delete(force);
    } catch (ContainerStateException e) {
      if (!force || !missing(e)) {
        throw e;
      }
    }
  }

  /** The store's "container ID does not exist", the one state error that --force forgives. */
  private static boolean missing(ContainerStateException e) {
    return e.getMessage() != null && e.getMessage().endsWith(" does not exist");
  }
}
