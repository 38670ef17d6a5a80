package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the implementation in a fresh JVM: with native access it is silent, without it (or on
 * Java 17) it says what is missing.
 */
class HostSyscallsLoadingTest {

  /** Loads HostSyscalls and makes one call; prints the outcome on stdout. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        System.out.println("uid " + HostSyscalls.get().getuid());
      } catch (UnsupportedOperationException e) {
        System.out.println(e.getMessage());
      }
    }
  }

  private record Run(String stdout, String stderr) {}

  private static Run probe(String... jvmOptions) throws IOException, InterruptedException {
    return probeWith(Path.of(System.getProperty("java.home")), jvmOptions);
  }

  private static Run probeWith(Path javaHome, String... jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process process = new ProcessBuilder(command).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), stderr);
    return new Run(stdout.trim(), stderr);
  }

  @Test
  void aCallLoadsTheBindingsOfItsOwnGroupOnly(@TempDir Path directory) throws Exception {
    Path classes = directory.resolve("classes.log");
    Run run = probe("--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classes);
    assertTrue(run.stdout().startsWith("uid "), run.stdout());
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains("io.capsa.sys.ffm.ProcessCalls "), "getuid's group loads");
    for (String group : List.of("DescriptorCalls", "PathCalls", "SocketCalls", "MountCalls",
        "BpfCalls", "PosixSpawner")) {
      assertFalse(loaded.contains("io.capsa.sys.ffm." + group + " "),
          group + " is loaded although getuid does not use it");
    }
  }

  @Test
  void withNativeAccessNothingIsPrinted() throws Exception {
    Run run = probe("--enable-native-access=ALL-UNNAMED");
    assertEquals("uid " + HostSyscalls.get().getuid(), run.stdout());
    assertEquals("", run.stderr());
  }

  /** A JDK 17 installed beside the one running the tests, if any. */
  private static Optional<Path> jdk17() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> !Files.isSymbolicLink(home))
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> releaseVersion(home).startsWith("17"))
          .findFirst();
    }
  }

  private static String releaseVersion(Path home) {
    try {
      return Files.readAllLines(home.resolve("release")).stream()
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void onJava17TheErrorSaysWhichJavaIsNeeded() throws Exception {
    Optional<Path> jdk17 = jdk17();
    assumeTrue(jdk17.isPresent(), "no JDK 17 under /usr/lib/jvm");
    Run run = probeWith(jdk17.get());
    assertTrue(
        run.stdout()
            .startsWith(
                "Capsa's host system calls need Java 22 or newer (java.lang.foreign);"
                    + " this JVM is Java 17 at "),
        run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void withoutNativeAccessTheErrorSaysWhatToAddAndNoWarningIsPrinted() throws Exception {
    Run run = probe();
    assertEquals(
        "Capsa's host system calls need native access: start java with"
            + " --enable-native-access=ALL-UNNAMED",
        run.stdout());
    assertEquals("", run.stderr());
  }
}
