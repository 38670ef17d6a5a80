package io.capsa.cli;

import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.CreateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capsa run}: create and start. In the foreground it forwards signals, relays the
 * caller's terminal to the container's when the process has one, waits, deletes
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
    CreateOptions.Builder options = flags.options(bundle, detach);
    if (!detach && ConsoleSocketOption.terminal(bundle)) {
      try (TerminalRelay relay = TerminalRelay.open()) {
        return foreground(call, flags, call.capsa().runtime().create(call.id(), bundle,
            options.consoleSocket(ConsoleSocket.of(relay.socket())).build()), relay);
      }
    }
    Container container = call.capsa().runtime().create(call.id(), bundle, options.build());
    if (detach) {
      flags.created(container);
      container.start();
      return 0;
    }
    return foreground(call, flags, container, null);
  }

  /** Runs the container to its end, relaying its terminal when there is a {@code relay}. */
  private static int foreground(Call call, CreateFlags flags, Container container,
      TerminalRelay relay) throws InterruptedException {
    flags.created(container);
    try {
      SignalForwarding.to(container);
      return ForegroundRun.startAndWait(container, relay);
    } finally {
      if (!call.has(KEEP)) {
        container.close();
      }
    }
  }
}
