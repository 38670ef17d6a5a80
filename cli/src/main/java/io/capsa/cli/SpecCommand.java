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
import java.util.List;

/** {@code capsa spec}: writes a starting config.json, as {@code runc spec} does. */
final class SpecCommand implements Verb {
  static final Flag ROOTLESS = Flag.bool("generate a configuration for a rootless container",
      "rootless");

  private static final String CONFIG = "config.json";

  @Override
  public String name() {
    return "spec";
  }

  @Override
  public String summary() {
    return "create a new specification file (config.json)";
  }

  @Override
  public Positionals positionals() {
    return Positionals.NONE;
  }

  @Override
  public List<Flag> flags() {
    return List.of(BundleOption.FLAG, ROOTLESS);
  }

  @Override
  public int run(Call call) {
    Path directory = BundleOption.directory(call.arguments());
    Spec spec = call.has(ROOTLESS) ? Spec.rootlessExample() : Spec.example();
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
    return 0;
  }
}
