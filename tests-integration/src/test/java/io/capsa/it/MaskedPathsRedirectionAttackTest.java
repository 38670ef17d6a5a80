package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * maskedPaths redirection, CVE-2025-31133: runc masked files by binding the container's
 * /dev/null over them, and a /dev/null replaced by a symlink to a procfs file made that bind a
 * writable procfs file (/proc/sys/kernel/core_pattern: code run as root on the host). Here the
 * rootfs, used without a tmpfs on /dev, brings its own hostile /dev/null while runc's
 * maskedPaths are configured: the create is refused, and core_pattern is the host's as before
 * (root).
 */
class MaskedPathsRedirectionAttackTest {
  private static final Path CORE_PATTERN = Path.of("/proc/sys/kernel/core_pattern");
  private static final String NOT_NULL = "refuse to mask paths: the container's /dev/null is not"
      + " the null device (character device 1:3)";

  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  /** runc's configuration (its maskedPaths among it) without the tmpfs on /dev. */
  private Path bundle(List<String> args) throws Exception {
    return TestBundle.create(Files.createDirectory(dir.resolve("bundle")), args,
        spec -> spec.toBuilder().mounts(spec.mounts().stream()
            .filter(mount -> !mount.destination().equals("/dev")).toList()).build());
  }

  private static void mknod(Path node, String type, int major, int minor) throws Exception {
    Process mknod = new ProcessBuilder("mknod", node.toString(), type,
        Integer.toString(major), Integer.toString(minor)).redirectErrorStream(true).start();
    assertTrue(mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0,
        new String(mknod.getInputStream().readAllBytes()));
  }

  private String refusal(Path bundle) {
    return assertThrows(ContainerException.class,
        () -> ContainerRuns.run(runtime, "masked", bundle)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proc/sys/kernel/core_pattern", "../proc/sys/kernel/core_pattern",
      "/proc/timer_list", "zero"})
  void aDevNullThatIsASymlinkIsRefused(String target) throws Exception {
    Path bundle = bundle(List.of("sh", "-c", "echo '|/bin/pwned' > /proc/keys"));
    Files.createSymbolicLink(bundle.resolve("rootfs/dev/null"), Path.of(target));
    String corePattern = Files.readString(CORE_PATTERN);

    String refusal = refusal(bundle);

    assertTrue(refusal.contains(NOT_NULL), refusal);
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
  }

  @Test
  void aDevNullReachedThroughAMagicLinkIsRefused() throws Exception {
    Path bundle = bundle(List.of("true"));
    Files.createSymbolicLink(bundle.resolve("rootfs/dev/null"),
        Path.of("/proc/self/root/proc/sys/kernel/core_pattern"));
    String corePattern = Files.readString(CORE_PATTERN);

    String refusal = refusal(bundle);

    assertTrue(refusal.contains("open /dev/null to mask paths with") && refusal.contains("ELOOP"),
        refusal);
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
  }

  @Test
  void aDevNullThatIsAnotherFileOrDeviceIsRefused() throws Exception {
    Path bundle = bundle(List.of("true"));
    Path devNull = bundle.resolve("rootfs/dev/null");
    Files.writeString(devNull, "");
    assertTrue(refusal(bundle).contains(NOT_NULL), "a regular file");

    Files.delete(devNull);
    mknod(devNull, "c", 1, 5);
    assertTrue(refusal(bundle).contains(NOT_NULL), "/dev/zero's device number");

    Files.delete(devNull);
    mknod(devNull, "b", 1, 3);
    assertTrue(refusal(bundle).contains(NOT_NULL), "a block device 1:3");
  }

  /**
   * The rootfs's own /dev/null, the null device: the masked files are that device (writes go
   * nowhere), the masked directories an empty read-only tmpfs.
   */
  @Test
  void theMasksOfARealNullDeviceHideAndRefuseWrites() throws Exception {
    Path bundle = bundle(List.of("sh", "-c", "stat -c %t:%T /proc/keys /proc/timer_list;"
        + " echo '|/bin/pwned' > /proc/keys; wc -c < /proc/keys; touch /proc/acpi/x 2>&1;"
        + " ls -A /sys/firmware | wc -l"));
    mknod(bundle.resolve("rootfs/dev/null"), "c", 1, 3);
    String corePattern = Files.readString(CORE_PATTERN);

    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "masked", bundle);

    assertEquals(List.of("1:3", "1:3", "0", "touch: /proc/acpi/x: Read-only file system", "0"),
        outcome.output().lines().map(String::strip).toList());
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
  }
}
