package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsa.runtime.rootfs.RootfsPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsa features}: the spec's features.json, valid, and true to what Capsa does. */
class CliFeaturesTest {

  @TempDir Path dir;

  @Test
  void featuresMatchTheSpecsSchemaAndTheRuntimesTables() throws Exception {
    CapsaProcess.Result features = CapsaProcess.run(dir, "features");
    assertEquals(0, features.exitCode(), features.stderr());
    assertEquals(List.of(), SpecSchemas.violations("features-schema.json", features.stdout()));
    assertTrue(features.stdout().startsWith("{\n    \"ociVersionMin\": "), "runc's four-space indent");

    JsonNode json = new ObjectMapper().readTree(features.stdout());
    List<String> mountOptions = new ArrayList<>();
    json.get("mountOptions").forEach(option -> mountOptions.add(option.asText()));
    assertEquals(RootfsPlan.knownMountOptions(), mountOptions);
    assertTrue(json.at("/linux/seccomp/enabled").asBoolean(false), json.toString());
    assertEquals(7, json.at("/linux/seccomp/operators").size(), json.toString());
    assertEquals("io.capsa.reaper", json.at("/potentiallyUnsafeConfigAnnotations/0").asText());
    assertTrue(json.at("/annotations/io.capsa.version").isTextual(), json.toString());
    assertTrue(json.at("/linux/capabilities").size() >= 41);
  }
}
