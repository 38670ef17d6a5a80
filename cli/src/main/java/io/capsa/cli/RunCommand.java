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
 * signal ended it); with --detach it returns once the process runs. With NOTIFY_SOCKET set, the
 * container's READY is passed on ({@link NotifyProxy}).
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
    try (NotifyProxy notify = NotifyProxy.connect(System.getenv())) {
      if (!detach && ConsoleSocketOption.terminal(bundle)) {
        try (TerminalRelay relay = TerminalRelay.open()) {
          return foreground(call, flags, notify, call.capsa().runtime().create(call.id(), bundle,
              options.consoleSocket(ConsoleSocket.of(relay.socket())).build()), relay);
        }
      }
      Container container = call.capsa().runtime().create(call.id(), bundle, options.build());
      if (detach) {
        return detached(flags, notify, container);
      }
      return foreground(call, flags, notify, container, null);
    }
  }

  /**
   * Starts the container and returns, once it is ready when the caller has NOTIFY_SOCKET (as
   * runc does); a container whose notify socket cannot be bound is destroyed, as runc destroys
   * one whose run fails.
   */
  private static int detached(CreateFlags flags, NotifyProxy notify, Container container) {
    flags.created(container);
    CreateFlags.orDestroy(container, () -> notify.bind(container));
    int pid = container.state().pid();
    container.start();
    notify.forwardReadyOrWarn(pid, NotifyProxy.whileRunning(container));
    return 0;
  }

  /**
   * Runs the container to its end, relaying its terminal when there is a {@code relay} and its
   * READY with this process as MAINPID, the process the caller should watch.
   */
  private static int foreground(Call call, CreateFlags flags, NotifyProxy notify,
      Container container, TerminalRelay relay) throws InterruptedException {
    flags.created(container);
    try {
      notify.bind(container);
      SignalForwarding.to(container);
      try (NotifyProxy.Background readiness = notify.inBackground(ProcessHandle.current().pid(),
          () -> !container.exit().isDone())) {
        return ForegroundRun.startAndWait(container, relay);
      }
    } finally {
      if (!call.has(KEEP)) {
        container.close();
      }
    }
  }
}
