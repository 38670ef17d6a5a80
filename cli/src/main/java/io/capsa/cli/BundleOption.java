package io.capsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** runc's --bundle: the bundle directory, the working directory when not given. */
final class BundleOption {
  static final Flag FLAG = Flag.value("DIR",
      "path to the root of the bundle directory, defaults to the current directory",
      "b", "bundle");

  private BundleOption() {}

  /** The bundle as an absolute path, which the state reports; it must be a directory. */
  static Path directory(Arguments arguments) {
    Path given = arguments.path(FLAG);
    Path directory = (given == null ? Path.of("") : given).toAbsolutePath().normalize();
    if (!Files.isDirectory(directory)) {
      throw new CliException("chdir " + directory + ": "
          + (Files.exists(directory) ? "not a directory" : "no such file or directory"));
    }
    return directory;
  }
}
