package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runtime-spec's schemas and example documents, in the directory the build passes as the system
 * property {@code capsa.oci.schema.dir}.
 */
final class SpecFixtures {
  static final String PROPERTY = "capsa.oci.schema.dir";

  /** The kinds of document under test/, each read by its own OciJson method. */
  enum Kind {
    CONFIG("config", "config-schema.json"),
    STATE("state", "state-schema.json"),
    FEATURES("features", "features-schema.json");

    final String directory;
    final String schema;

    Kind(String directory, String schema) {
      this.directory = directory;
      this.schema = schema;
    }

    Record read(String json) {
      return switch (this) {
        case CONFIG -> OciJson.readSpec(json);
        case STATE -> OciJson.readState(json);
        case FEATURES -> OciJson.readFeatures(json);
      };
    }
  }

  private SpecFixtures() {}

  static Path directory() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      fail(
          "system property "
              + PROPERTY
              + " is not set: run the tests through Maven, whose surefire configuration in the"
              + " parent pom points it at the runtime-spec schemas and fixtures");
    }
    Path directory = Path.of(value);
    if (!Files.isRegularFile(directory.resolve("config-schema.json"))) {
      fail(
          PROPERTY
              + "="
              + value
              + " does not hold the runtime-spec schemas (no config-schema.json)");
    }
    return directory;
  }

  /** The files of test/{kind}/{good|bad}, sorted by name. */
  static List<Path> documents(Kind kind, String goodOrBad) {
    Path directory = directory().resolve("test").resolve(kind.directory).resolve(goodOrBad);
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found = files.filter(Files::isRegularFile).sorted().toList();
      if (found.isEmpty()) {
        fail("no fixtures in " + directory);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test resource next to this class. */
  static String resource(String name) {
    try (var in = SpecFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        fail("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
