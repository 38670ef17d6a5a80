package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code capsa spec}: writes a starting config.json, as {@code runc spec} does. */
@Command(name = "spec", description = "create a new specification file (config.json)")
final class SpecCommand implements Runnable {

  private static final String CONFIG = "config.json";

  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
      description = "path to the root of the bundle directory")
  Path bundle;

  @Option(names = "--rootless", description = "generate a configuration for a rootless container")
  boolean rootless;

  @Override
  public void run() {
    Path directory = bundle == null ? Path.of("") : bundle;
    if (!Files.isDirectory(directory)) {
      throw new CliException("chdir " + directory + ": "
          + (Files.exists(directory) ? "not a directory" : "no such file or directory"));
    }
    Spec spec = rootless ? Spec.rootlessExample() : Spec.example();
    Path config = directory.resolve(CONFIG);
    try {
      // CREATE_NEW makes "exists" and "write" one step, so a concurrent writer is never clobbered.
      Files.writeString(config, OciJson.write(spec), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new CliException("File " + CONFIG + " exists. Remove it first");
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + config, e);
    }
  }
}
