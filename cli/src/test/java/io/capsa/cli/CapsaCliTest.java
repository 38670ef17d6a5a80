package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapsaCliTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int capsa(String... args) {
    return Capsa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void versionHasTheLinesContainerdParses() {
    assertEquals(0, capsa("--version"));
    List<String> lines = out.toString().lines().toList();
    assertTrue(lines.get(0).matches("capsa version \\d+\\.\\d+\\.\\d+.*"), lines.get(0));
    assertTrue(lines.get(1).matches("commit: \\S+"), lines.get(1));
    assertEquals("spec: 1.3.0", lines.get(2));
  }

  @Test
  void specWritesTheExampleConfig() throws Exception {
    assertEquals(0, capsa("spec", "--bundle", dir.toString()), err.toString());
    assertEquals(Spec.example(), OciJson.readSpec(dir.resolve("config.json")));
  }

  @Test
  void rootlessSpecWritesTheRootlessExample() throws Exception {
    assertEquals(0, capsa("spec", "--rootless", "-b", dir.toString()), err.toString());
    assertEquals(Spec.rootlessExample(), OciJson.readSpec(dir.resolve("config.json")));
  }

  @Test
  void specRefusesToOverwriteWithRuncsWording() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    assertEquals(1, capsa("spec", "-b", dir.toString()));
    assertTrue(err.toString().contains("level=error msg=\"File config.json exists. Remove it first\""), err.toString());
    assertEquals("{}", Files.readString(dir.resolve("config.json")));
  }

  @Test
  void specInAMissingBundleNamesTheDirectory() {
    Path missing = dir.resolve("missing");
    assertEquals(1, capsa("spec", "-b", missing.toString()));
    assertTrue(err.toString().contains("chdir " + missing + ": no such file or directory"), err.toString());
  }

  @Test
  void jsonLogLinesCarryLevelMessageAndTime() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    assertEquals(1, capsa("--log-format", "json", "spec", "-b", dir.toString()));
    JsonNode line = new ObjectMapper().readTree(err.toString().strip());
    assertEquals("error", line.get("level").asText());
    assertEquals("File config.json exists. Remove it first", line.get("msg").asText());
    assertTrue(line.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), line.toString());
  }

  @Test
  void logFileReceivesTheErrorInsteadOfStderr() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    Path log = dir.resolve("capsa.log");
    assertEquals(1, capsa("--log", log.toString(), "--log-format=json", "spec", "-b", dir.toString()));
    assertEquals("", err.toString());
    assertTrue(Files.readString(log).contains("\"msg\":\"File config.json exists. Remove it first\""));
  }

  @Test
  void unknownVerbIsAUsageErrorWithRuncsExitStatus() {
    assertEquals(1, capsa("frobnicate"));
    assertTrue(err.toString().contains("level=error msg=\"unknown command \\\"frobnicate\\\"\""),
        err.toString());
    assertTrue(err.toString().contains("frobnicate"), err.toString());
  }

  @Test
  void aVerbWithoutItsContainerIdIsAUsageErrorInRuncsWords() {
    assertEquals(1, capsa("--root", dir.toString(), "start"));
    assertTrue(err.toString().contains("msg=\"capsa: \\\"start\\\" requires exactly 1 argument(s)\""),
        err.toString());
    assertTrue(err.toString().contains("Usage: capsa start"), err.toString());
  }

  @Test
  void everyVerbHasHelp() {
    for (String verb : List.of("create", "start", "run", "kill", "delete", "state", "list",
        "features", "spec")) {
      assertEquals(0, capsa(verb, "--help"), verb + ": " + err);
      assertTrue(out.toString().contains("Usage: capsa " + verb), out.toString());
    }
  }

  @Test
  void rootlessTakesRuncsThreeValues() {
    for (String value : List.of("auto", "true", "false")) {
      assertEquals(0, capsa("--root", dir.toString(), "--rootless", value, "list"), err.toString());
    }
    assertEquals(1, capsa("--rootless", "maybe", "list"));
    assertTrue(err.toString().contains("maybe"), err.toString());
  }
}
