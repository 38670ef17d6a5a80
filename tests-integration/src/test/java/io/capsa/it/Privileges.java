package io.capsa.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Guards for tests of real containers. */
final class Privileges {
  private Privileges() {}

  /** Skips the calling test unless it runs as root (uid 0 in the initial user namespace). */
  static void assumeRoot() {
    assumeTrue(isRoot(), "needs root: creates namespaces and mounts");
  }

  static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"))
          && Files.readString(Path.of("/proc/self/uid_map")).trim().matches("0\\s+0\\s+4294967295");
    } catch (IOException e) {
      return false;
    }
  }
}
