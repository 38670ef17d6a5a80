package io.capsa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code capsa start}: runs the user process of a created container. */
@Command(name = "start", description = "executes the user defined process in a created container")
final class StartCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    capsa.runtime().load(id).start();
  }
}
