package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code capsa run}: create and start. In the foreground it forwards signals, waits, deletes
 * the container (unless --keep) and exits with the process's status (128 + the signal when a
 * signal ended it); with --detach it returns once the process runs.
 */
final class RunCommand implements Verb {
  static final Flag DETACH = Flag.bool("detach from the container's process", "d", "detach");
  static final Flag KEEP = Flag.bool(
      "do not delete the container after it exits (a foreground run)", "keep");

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "create and run a container";
  }

  @Override
  public List<Flag> flags() {
    List<Flag> flags = new ArrayList<>(CreateFlags.FLAGS);
    flags.add(DETACH);
    flags.add(KEEP);
    return flags;
  }

  @Override
  public int run(Call call) throws InterruptedException {
    call.capsa().refuseSystemdCgroup();
    CreateFlags flags = new CreateFlags(call.arguments());
    boolean detach = call.has(DETACH);
    Path bundle = flags.bundle();
    Container container = call.capsa().runtime().create(call.id(), bundle,
        flags.options(bundle, detach));
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
      throw new ContainerException("waiting for", call.id(), e.getCause());
    } finally {
      if (!call.has(KEEP)) {
        container.close();
      }
    }
  }
}
