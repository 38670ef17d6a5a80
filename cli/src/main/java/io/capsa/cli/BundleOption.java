package io.capsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** runc's --bundle: the bundle directory, the working directory when not given. */
final class BundleOption {

  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
      description = "path to the root of the bundle directory, defaults to the current directory")
  Path bundle;

  /** The bundle as an absolute path, which the state reports; it must be a directory. */
  Path directory() {
    Path directory = (bundle == null ? Path.of("") : bundle).toAbsolutePath().normalize();
    if (!Files.isDirectory(directory)) {
      throw new CliException("chdir " + directory + ": "
          + (Files.exists(directory) ? "not a directory" : "no such file or directory"));
    }
    return directory;
  }
}
