package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.OciJson;
import io.capsa.sys.HostSyscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxBundleTest {
  @TempDir Path host;
  @TempDir Path parent;
  @TempDir Path data;

  @BeforeEach
  void fakeHost() throws IOException {
    FakeHost.create(host);
  }

  @Test
  void writesTheRootfsAndTheConfigInAPrivateDirectory() throws IOException {
    SandboxPlan plan = plan(SandboxOptions.builder().command("true").user(0, 0)
        .volume(new Volume(data, Path.of("/home/me/work"), false)).build());

    try (SandboxBundle bundle = SandboxBundle.create(plan, parent)) {
      Path directory = bundle.directory();
      assertEquals(parent, directory.getParent());
      assertTrue(directory.getFileName().toString().startsWith("capsa-sandbox-"));
      assertEquals("rwx------", mode(directory));
      assertEquals("rwxr-xr-x", mode(bundle.rootfs()));
      assertEquals(plan.spec(), OciJson.readSpec(bundle.configFile()));
      assertEquals(plan.spec(), bundle.spec());
      assertEquals(List.of("config.json", "rootfs"), names(directory));
      assertEquals(List.of("bin", "dev", "etc", "home", "lib", "lib64", "proc", "sbin", "tmp",
          "usr"), names(bundle.rootfs()));
      assertEquals(Path.of("usr/bin"), Files.readSymbolicLink(bundle.rootfs().resolve("bin")));
      assertEquals("", Files.readString(bundle.rootfs().resolve("etc/passwd")));
      assertEquals("rw-r--r--", mode(bundle.rootfs().resolve("etc/passwd")));
      assertEquals("sandbox\n", Files.readString(bundle.rootfs().resolve("etc/hostname")));
      assertTrue(Files.isDirectory(bundle.rootfs().resolve("etc/ssl/certs")));
      assertTrue(Files.isDirectory(bundle.rootfs().resolve("home/me/work")));
      assertEquals("rwxr-xr-x", mode(bundle.rootfs().resolve("home/me")));
      assertEquals(List.of(), names(bundle.rootfs().resolve("usr")), "only a mount point");
    }
  }

  @Test
  void closeRemovesEverythingAndMayBeCalledAgain() throws IOException {
    SandboxBundle bundle = SandboxBundle.create(plan(SandboxOptions.builder().command("true")
        .user(0, 0).build()), parent);

    bundle.close();
    bundle.close();

    assertEquals(List.of(), names(parent));
    assertTrue(Files.exists(host.resolve("usr/bin/sh")), "the host is untouched");
    assertTrue(Files.exists(host.resolve("usr/share/zoneinfo/Etc/UTC")));
  }

  @Test
  void whatTheSandboxWroteIsRemovedWithIt() throws IOException {
    SandboxBundle bundle = SandboxBundle.create(plan(SandboxOptions.builder().command("true")
        .user(0, 0).readOnlyRoot(false).build()), parent);
    Path written = Files.createDirectories(bundle.rootfs().resolve("var/cache/x"));
    Files.writeString(written.resolve("f"), "x");
    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("r-x------"));
    Files.createSymbolicLink(bundle.rootfs().resolve("hostdata"), data);
    Files.writeString(data.resolve("keep"), "x");

    bundle.close();

    assertEquals(List.of(), names(parent));
    assertTrue(Files.exists(data.resolve("keep")), "a symlink is removed, not followed");
  }

  @Test
  void aFailureLeavesNothingBehind() throws IOException {
    Path volume = Files.createDirectory(data.resolve("v"));
    SandboxPlan plan = plan(SandboxOptions.builder().command("true").user(0, 0)
        .volume(new Volume(volume, Path.of("/v"), false)).build());
    Path notADirectory = Files.writeString(parent.resolve("file"), "x");

    assertThrows(UncheckedIOException.class, () -> SandboxBundle.create(plan, notADirectory));
    assertEquals(List.of("file"), names(parent));
  }

  @Test
  void aMountLeftBelowTheBundleIsNeverWalkedInto() throws Exception {
    assumeTrue(HostSyscalls.get().geteuid() == 0, "mounting needs root");
    Files.writeString(data.resolve("precious"), "x");
    SandboxBundle bundle = SandboxBundle.create(plan(SandboxOptions.builder().command("true")
        .user(0, 0).build()), parent);
    Path mountPoint = bundle.rootfs().resolve("tmp");
    run("mount", "--bind", data.toString(), mountPoint.toString());
    try {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, bundle::close);
      assertEquals("cannot remove the sandbox bundle " + bundle.directory(), e.getMessage());
      assertEquals("still mounted below it: [" + mountPoint.toRealPath()
          + "]; unmount them first", e.getCause().getMessage());
      assertTrue(Files.exists(data.resolve("precious")));
    } finally {
      run("umount", mountPoint.toString());
    }
    bundle.close();
    assertEquals(List.of(), names(parent));
    assertTrue(Files.exists(data.resolve("precious")));
  }

  @Test
  void theRealHostGivesAValidBundle() {
    try (SandboxBundle bundle = SandboxBundle.create(SandboxPlan.of(SandboxOptions.builder()
        .command("ls", "/usr").user(0, 0).build()), parent)) {
      assertEquals(bundle.spec(), OciJson.readSpec(bundle.configFile()));
      assertTrue(Files.isDirectory(bundle.rootfs().resolve("usr"), LinkOption.NOFOLLOW_LINKS));
    }
    assertEquals(List.of(), names(parent));
  }

  private SandboxPlan plan(SandboxOptions options) {
    return SandboxPlan.of(options, host);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, process.waitFor(), String.join(" ", command));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static List<String> names(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
