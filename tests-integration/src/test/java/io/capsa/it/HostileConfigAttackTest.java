package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.OciJson;
import io.capsa.oci.OciSpecException;
import io.capsa.oci.Spec;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.config.InvalidConfigException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile config.json (security.md's other rules: the runtime never trusts the bundle, which
 * a daemon may hand over from anyone): a config.json that is a FIFO, /dev/zero, huge, nested
 * thousands deep, not JSON, ambiguous, or valid JSON asking for what would change the host. Each
 * is refused within seconds, with an error that says why, before any side effect: no state, no
 * cgroup, no mount, no process, nothing changed on the host (root).
 */
class HostileConfigAttackTest {
  private static final Path CORE_PATTERN = Path.of("/proc/sys/kernel/core_pattern");

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private Path bundle;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    runtime = RealContainers.runtime(dir);
    bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")), List.of("true"));
    config = bundle.resolve("config.json");
  }

  /** The create's failure, which must come within 30 s and leave nothing behind. */
  private <T extends RuntimeException> T assertRefused(Class<T> type) throws Exception {
    HostTraces before = HostTraces.of(runtime.root());
    String corePattern = Files.readString(CORE_PATTERN);
    T refused = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(type, () -> runtime.create("hostile", bundle)));
    assertEquals(before, HostTraces.of(runtime.root()), "the refused create left traces");
    TestJvmCgroup.defaultCgroupOf("hostile")
        .ifPresent(cgroup -> assertFalse(Files.exists(cgroup), cgroup + " was made"));
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
    return refused;
  }

  private void assertUnreadable(String reason) throws Exception {
    UncheckedIOException refused = assertRefused(UncheckedIOException.class);
    assertEquals("cannot read " + config, refused.getMessage());
    assertEquals(config + ": " + reason, refused.getCause().getMessage());
  }

  @Test
  void aConfigThatIsAFifoIsRefusedAtOnce() throws Exception {
    Files.delete(config);
    Process mkfifo = new ProcessBuilder("mkfifo", config.toString()).start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);

    assertUnreadable("not a regular file (a FIFO, socket or device)");
  }

  @Test
  void aConfigThatIsDevZeroIsRefusedAtOnce() throws Exception {
    Files.delete(config);
    Files.createSymbolicLink(config, Path.of("/dev/zero"));

    assertUnreadable("not a regular file (a FIFO, socket or device)");
  }

  @Test
  void aHugeConfigIsRefusedUnread() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(config.toFile(), "rw")) {
      file.setLength(1L << 30);
    }

    assertUnreadable("larger than 32 MiB, the most a document may have");
  }

  private void write(String json) throws Exception {
    Files.writeString(config, json, StandardCharsets.UTF_8);
  }

  /** The example config with {@code member} (JSON text) added to it at the top. */
  private static String exampleWith(String member) {
    String example = OciJson.write(Spec.example());
    return "{" + member + "," + example.substring(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1001, 100_000})
  void aConfigNestedThousandsDeepIsRefused(int depth) throws Exception {
    write(exampleWith("\"x\": " + "[".repeat(depth) + "]".repeat(depth)));

    OciSpecException refused = assertRefused(OciSpecException.class);

    assertTrue(refused.getMessage().contains("nesting depth"), refused.getMessage());
  }

  @Test
  void aStringOfTwentyFiveMillionCharactersIsRefused() throws Exception {
    write(exampleWith("\"x\": \"" + "a".repeat(25_000_000) + "\""));

    OciSpecException refused = assertRefused(OciSpecException.class);

    assertTrue(refused.getMessage().contains("String value length"), refused.getMessage());
  }

  @Test
  void textThatIsNotJsonOrAmbiguousJsonIsRefused() throws Exception {
    write("{\"ociVersion\": \"1.0.2\", \"process\": ");
    assertTrue(assertRefused(OciSpecException.class).getMessage().contains("malformed JSON"));

    write(exampleWith("\"hostname\": \"first\"").replace("\"hostname\": \"runc\"",
        "\"hostname\": \"second\""));
    assertTrue(assertRefused(OciSpecException.class).getMessage()
        .contains("$.hostname: malformed JSON"));

    write("{\"ociVersion\": 1, \"root\": [], \"process\": {\"args\": \"sh\"}}");
    OciSpecException refused = assertRefused(OciSpecException.class);
    assertTrue(refused.getMessage().contains("$.ociVersion") && refused.getMessage()
        .contains("$.root") && refused.getMessage().contains("$.process.args"),
        refused.getMessage());
  }

  /**
   * Valid JSON, and a valid document, asking for what would reach the host: a sysctl no
   * namespace isolates, a mount onto /proc's files, a hook by relative path, the root as a
   * mount destination, a rootfs that is not there. Every problem is named before anything.
   */
  @Test
  void aConfigAskingForTheHostIsRefusedWithEveryProblemNamed() throws Exception {
    String example = OciJson.write(Spec.example());
    write(example
        .replaceFirst("\"linux\": \\{", "\"linux\": {\"sysctl\": {\"kernel.core_pattern\":"
            + " \"|/bin/pwned\"},")
        .replaceFirst("\"mounts\": \\[", "\"mounts\": [{\"destination\": \"/proc/sysrq-trigger\","
            + " \"type\": \"bind\", \"source\": \"/dev/null\"}, {\"destination\": \"/\", \"type\":"
            + " \"tmpfs\", \"source\": \"tmpfs\"},")
        .replaceFirst("\"root\": \\{\\s*\"path\": \"rootfs\"", "\"hooks\": {\"prestart\":"
            + " [{\"path\": \"bin/pwned\"}]}, \"root\": {\"path\": \"no-such-rootfs\""));

    InvalidConfigException refused = assertRefused(InvalidConfigException.class);

    for (String path : List.of("$.linux.sysctl['kernel.core_pattern']", "$.mounts[0]",
        "$.mounts[1].destination", "$.hooks.prestart[0]", "$.root.path")) {
      assertTrue(refused.getMessage().contains(path), path + " in " + refused.getMessage());
    }
  }

  @Test
  void throughTheCliAHostileConfigIsRefusedWithRuncsExitStatus() throws Exception {
    CapsaCli cli = new CapsaCli(dir);
    Files.delete(config);
    Files.createSymbolicLink(config, Path.of("/dev/zero"));

    CapsaProcess.Result create = cli.capsa("create", "--bundle", bundle.toString(), "hostile");

    assertEquals(1, create.exitCode(), create.stderr());
    assertTrue(create.stderr().contains("cannot read " + config + ": " + config
        + ": not a regular file"), create.stderr());
    assertEquals("", cli.capsa("list", "-q").stdout());
  }
}
