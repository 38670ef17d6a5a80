package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real ./capsa launcher, as a user or a runc caller would. */
class CapsaCommandTest {

  @TempDir Path dir;

  @Test
  void versionPrintsRuncsShape() throws Exception {
    CapsaProcess.Result result = CapsaProcess.run(dir, "--version");
    assertEquals(0, result.exitCode(), result.stderr());
    String[] lines = result.stdout().split("\n");
    assertTrue(lines[0].startsWith("capsa version "), lines[0]);
    assertTrue(lines[1].startsWith("commit: "), lines[1]);
    assertEquals("spec: 1.3.0", lines[2]);
    assertEquals("", result.stderr(), "no JVM or native-access warnings");
  }

  @Test
  void specInTheWorkingDirectoryThenRefusesToOverwrite() throws Exception {
    CapsaProcess.Result first = CapsaProcess.run(dir, "spec");
    assertEquals(0, first.exitCode(), first.stderr());
    JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
    assertEquals("1.3.0", config.get("ociVersion").asText());
    assertEquals("sh", config.at("/process/args/0").asText());
    assertEquals("rootfs", config.at("/root/path").asText());

    String before = Files.readString(dir.resolve("config.json"));
    CapsaProcess.Result second = CapsaProcess.run(dir, "spec");
    assertEquals(1, second.exitCode());
    assertTrue(second.stderr().contains("File config.json exists. Remove it first"), second.stderr());
    assertEquals(before, Files.readString(dir.resolve("config.json")));
  }
}
