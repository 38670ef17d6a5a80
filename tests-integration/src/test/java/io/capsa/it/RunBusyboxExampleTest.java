package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.examples.RunBusybox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example, run as its own JVM the way a user would run it (root). */
class RunBusyboxExampleTest {
  @TempDir Path dir;

  @Test
  void runsTheBundlesContainerAndPrintsItsExitStatus() throws Exception {
    Privileges.assumeRoot();
    Path bundle = TestBundle.create(dir.resolve("bundle"), List.of("sh", "-c", "exit 42"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "-Dcapsa.root=" + dir.resolve("state"), "-cp", System.getProperty("java.class.path"),
        RunBusybox.class.getName(), bundle.toString())
        .redirectError(dir.resolve("stderr").toFile()).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(true, process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr")));
    assertEquals("container busybox-" + process.pid() + " exited with 42\n", output);
  }
}
