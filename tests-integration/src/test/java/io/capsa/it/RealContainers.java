package io.capsa.it;

import io.capsa.runtime.ContainerRuntime;
import java.nio.file.Path;

/** The set-up of a test of real containers. */
final class RealContainers {
  private RealContainers() {}

  /**
   * Skips the calling test unless it runs as root with busybox-static installed; else a runtime
   * whose state root is {@code dir}/state.
   */
  static ContainerRuntime runtime(Path dir) {
    Privileges.assumeRoot();
    BusyboxRootfs.assumeAvailable();
    return ContainerRuntime.builder().root(dir.resolve("state")).build();
  }
}
