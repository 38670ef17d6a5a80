package io.capsa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code capsa resume}: thaws a paused container. */
@Command(name = "resume",
    description = "resumes all processes that have been previously paused")
final class ResumeCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    capsa.runtime().load(id).resume();
  }
}
