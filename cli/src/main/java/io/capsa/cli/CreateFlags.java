package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.Stdio;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags create and run share, as runc has them. */
final class CreateFlags {

  @Mixin BundleOption bundle;

  @Mixin ConsoleSocketOption consoleSocket;

  @Mixin PidFileOption pidFile;

  @Mixin PreservedFds preservedFds;

  @Option(names = "--no-pivot",
      description = "do not use pivot root to jail process inside rootfs (chroot instead)")
  boolean noPivot;

  /** Capsa never gives a container a session keyring of its own, so this is what it always does. */
  @Option(names = "--no-new-keyring",
      description = "do not create a new session keyring for the container (Capsa never does)")
  boolean noNewKeyring;

  /** The absolute bundle directory. */
  Path bundle() {
    return bundle.directory();
  }

  /** The create options for {@code bundle}, the container's stdio being this process's. */
  CreateOptions options(Path bundle, boolean detached) {
    consoleSocket.check(bundle, detached);
    PreservedFds.Handover handover =
        preservedFds.handover(System.getenv(), ProcessHandle.current().pid());
    return CreateOptions.builder()
        .stdio(Stdio.inherit())
        .noPivot(noPivot)
        .preservedFds(handover.fds())
        .environment(handover.environment())
        .build();
  }

  /** Writes the pid file of a new container; a container whose pid file fails is destroyed. */
  void created(Container container) {
    try {
      pidFile.write(container.state().pid());
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
