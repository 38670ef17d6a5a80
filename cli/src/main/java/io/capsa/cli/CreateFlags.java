package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.Stdio;
import java.nio.file.Path;
import java.util.List;

/** The flags create and run share, as runc has them. */
final class CreateFlags {
  static final Flag NO_PIVOT = Flag.bool(
      "do not use pivot root to jail process inside rootfs (chroot instead)", "no-pivot");
  /** Capsa never gives a container a session keyring of its own: this is what it always does. */
  static final Flag NO_NEW_KEYRING = Flag.bool(
      "do not create a new session keyring for the container (Capsa never does)",
      "no-new-keyring");
  static final List<Flag> FLAGS = List.of(BundleOption.FLAG, ConsoleSocketOption.FLAG,
      PidFileOption.FLAG, NO_PIVOT, NO_NEW_KEYRING, PreservedFds.FLAG);

  private final Arguments arguments;

  CreateFlags(Arguments arguments) {
    this.arguments = arguments;
  }

  /** The absolute bundle directory. */
  Path bundle() {
    return BundleOption.directory(arguments);
  }

  /**
   * The create options for {@code bundle}, the container's stdio being this process's, or its
   * terminal's master going to --console-socket; with a notify socket when this process has
   * NOTIFY_SOCKET, as runc gives one.
   */
  CreateOptions.Builder options(Path bundle, boolean detached) {
    ConsoleSocketOption.check(arguments.path(ConsoleSocketOption.FLAG), bundle, detached);
    PreservedFds.Handover handover = new PreservedFds(arguments.integer(PreservedFds.FLAG, 0))
        .handover(System.getenv(), ProcessHandle.current().pid());
    return CreateOptions.builder()
        .stdio(Stdio.inherit())
        .noPivot(arguments.has(NO_PIVOT))
        .preservedFds(handover.fds())
        .environment(handover.environment())
        .consoleSocket(ConsoleSocketOption.socket(arguments))
        .notifySocket(HostNotifySocket.requested(System.getenv()).isPresent());
  }

  /** Writes the pid file of a new container; a container whose pid file fails is destroyed. */
  void created(Container container) {
    orDestroy(container,
        () -> new PidFileOption(arguments.path(PidFileOption.FLAG)).write(container.state().pid()));
  }

  /**
   * Runs one more step of making {@code container}; when it fails, the container is destroyed,
   * as runc destroys a container whose create or run fails part way.
   */
  static void orDestroy(Container container, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      try {
        container.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }
}
