package io.capsa.sys.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the tools and files a test needs and skips the test, naming the Debian packages to
 * install, when any is missing. A skipped test shows up in the report; a test that quietly
 * passes without its tools would hide that nothing was checked.
 */
final class Prerequisites {
  private final String purpose;
  private final List<String> missing = new ArrayList<>();

  Prerequisites(String purpose) {
    this.purpose = purpose;
  }

  Prerequisites command(String name, String debianPackage) {
    if (!onPath(name)) {
      missing.add(name + " (Debian package " + debianPackage + ")");
    }
    return this;
  }

  Prerequisites file(Path path, String debianPackage) {
    if (!Files.isRegularFile(path)) {
      missing.add(path + " (Debian package " + debianPackage + ")");
    }
    return this;
  }

  void assumePresent() {
    assumeTrue(missing.isEmpty(), () -> purpose + " needs " + String.join(", ", missing));
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
