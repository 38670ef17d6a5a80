package io.capsa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** {@code capsa --version} in runc's shape, which containerd parses line by line. */
final class VersionInfo {

  private VersionInfo() {}

  static List<String> lines() {
    Properties build = load();
    return List.of(
        "capsa version " + build.getProperty("version"),
        "commit: " + build.getProperty("commit"),
        "spec: " + build.getProperty("spec"),
        "java: " + Runtime.version());
  }

  /** Capsa's version and commit, as features.json annotations, sorted as Go sorts map keys. */
  static Map<String, String> annotations() {
    Properties build = load();
    return new TreeMap<>(Map.of("io.capsa.version", build.getProperty("version"),
        "io.capsa.commit", build.getProperty("commit")));
  }

  private static Properties load() {
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the capsa jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("reading version.properties", e);
    }
  }
}
