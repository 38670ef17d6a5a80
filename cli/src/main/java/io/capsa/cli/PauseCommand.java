package io.capsa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code capsa pause}: freezes every process of the container through its cgroup. */
@Command(name = "pause", description = "pause suspends all processes inside the container")
final class PauseCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    capsa.runtime().load(id).pause();
  }
}
