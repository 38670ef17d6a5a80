package io.capsa.cli;

import io.capsa.runtime.Container;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa create}: creates the container, whose init then waits for {@code start}, and
 * exits. The process keeps this command's stdin, stdout and stderr, as with runc.
 */
@Command(name = "create", description = "create a container")
final class CreateCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Mixin CreateFlags flags;

  @Parameters(index = "0", paramLabel = "<container-id>",
      description = "your name for the instance of the container, unique on this host")
  String id;

  @Override
  public void run() {
    capsa.refuseSystemdCgroup();
    Path bundle = flags.bundle();
    Container container = capsa.runtime().create(id, bundle, flags.options(bundle, true));
    flags.created(container);
  }
}
