package io.capsa.cli;

import io.capsa.runtime.Container;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code capsa create}: creates the container, whose init then waits for {@code start}, and
 * exits. The process keeps this command's stdin, stdout and stderr, as with runc.
 */
final class CreateCommand implements Verb {

  @Override
  public String name() {
    return "create";
  }

  @Override
  public String summary() {
    return "create a container";
  }

  @Override
  public List<Flag> flags() {
    return CreateFlags.FLAGS;
  }

  @Override
  public int run(Call call) {
    call.capsa().refuseSystemdCgroup();
    CreateFlags flags = new CreateFlags(call.arguments());
    Path bundle = flags.bundle();
    Container container = call.capsa().runtime().create(call.id(), bundle,
        flags.options(bundle, true).build());
    flags.created(container);
    return 0;
  }
}
