package io.capsa.oci;

import static io.capsa.oci.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec.example() and Spec.rootlessExample() are what the installed runc's {@code runc spec} writes.
 */
class RuncExampleTest {
  private static final Pattern OCI_VERSION_LINE =
      Pattern.compile("(?m)^\t\"ociVersion\": \"[^\"]*\",$");

  @TempDir Path directory;

  @Test
  void exampleIsWhatRuncSpecWrites() throws Exception {
    assertSameAsRunc(Spec.example(), runcSpec());
  }

  @Test
  void rootlessExampleIsWhatRuncSpecRootlessWrites() throws Exception {
    assertSameAsRunc(Spec.rootlessExample(), runcSpec("--rootless"));
  }

  @Test
  void examplesDeclareTheVersionThisModuleImplements() {
    assertEquals("1.3.0", Spec.example().ociVersion());
    assertEquals("1.3.0", Spec.rootlessExample().ociVersion());
  }

  /** Member by member, then byte for byte: Capsa's layout is runc's. Only ociVersion differs. */
  private static void assertSameAsRunc(Spec ours, String runcs) {
    String written = OciJson.write(ours);
    ObjectNode expected = (ObjectNode) tree(runcs);
    ObjectNode actual = (ObjectNode) tree(written);
    expected.remove("ociVersion");
    actual.remove("ociVersion");
    assertEquals(expected, actual);
    assertEquals(withoutVersion(runcs), withoutVersion(written));
  }

  private static String withoutVersion(String configJson) {
    assertTrue(
        OCI_VERSION_LINE.matcher(configJson).find(), () -> "no ociVersion line in " + configJson);
    return OCI_VERSION_LINE.matcher(configJson).replaceFirst("\t\"ociVersion\": \"\",");
  }

  /**
   * The config.json {@code runc spec} writes into a fresh directory; skips the test without runc.
   */
  private String runcSpec(String... options) throws IOException, InterruptedException {
    Path runc = findOnPath("runc");
    assumeTrue(runc != null, "runc is not on PATH");
    List<String> command = new ArrayList<>(List.of(runc.toString(), "spec"));
    command.addAll(List.of(options));
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("runc.log").toFile())
            .start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "runc spec did not finish");
    assertEquals(
        0,
        process.exitValue(),
        () -> "runc spec failed: " + SpecFixtures.read(directory.resolve("runc.log")));
    return SpecFixtures.read(directory.resolve("config.json"));
  }

  private static Path findOnPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }
}
