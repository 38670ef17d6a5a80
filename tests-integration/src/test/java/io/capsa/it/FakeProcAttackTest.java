package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Mount;
import io.capsa.oci.Problem;
import io.capsa.oci.Spec;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fake /proc under the container, CVE-2019-16884, CVE-2023-27561 and CVE-2025-52881: a
 * volume or a symlink over /proc made runc write LSM labels and sysctls into files of the
 * attacker's choosing. Here /proc and /sys of a hostile rootfs are symlinks to fake trees
 * (inside the rootfs, and on the host), and config.json binds a fake tree over /proc, while a
 * sysctl is configured: the create is refused with an error naming /proc, or the value goes to
 * the container's real procfs and to no fake file (root). The LSM labels go through the same
 * private procfs as the sysctls; this host has no LSM to try them on (ProcessPlanTest checks
 * their ops).
 */
class FakeProcAttackTest {
  private static final String FORWARDING = "sys/net/ipv4/ip_forward";

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private Path hostFake;

  @BeforeEach
  void setUp() throws IOException {
    runtime = RealContainers.runtime(dir);
    hostFake = fakeProc(dir.resolve("host-fake"));
  }

  /** A directory that looks like procfs where the sysctl would be written. */
  private static Path fakeProc(Path at) throws IOException {
    Path file = at.resolve(FORWARDING);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "fake\n");
    return at;
  }

  private static UnaryOperator<Spec> forwarding(UnaryOperator<Spec> more) {
    return spec -> more.apply(spec.toBuilder().linux(spec.linux().toBuilder()
        .sysctl(Map.of("net.ipv4.ip_forward", "1")).build()).build());
  }

  private Path bundle(String name, UnaryOperator<Spec> config) throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve(name)),
        List.of("cat", "/proc/" + FORWARDING), forwarding(config));
    fakeProc(bundle.resolve("rootfs/fakeproc"));
    return bundle;
  }

  private static void replaceWithLink(Path rootfs, String name, String target)
      throws IOException {
    Files.delete(rootfs.resolve(name));
    Files.createSymbolicLink(rootfs.resolve(name), Path.of(target));
  }

  private void assertFakesUntouched(Path bundle) throws IOException {
    assertEquals("fake\n", Files.readString(bundle.resolve("rootfs/fakeproc/" + FORWARDING)));
    assertEquals("fake\n", Files.readString(hostFake.resolve(FORWARDING)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fakeproc", "../../../../fakeproc", "HOST"})
  void aRootfsWhoseProcIsASymlinkIsRefused(String target) throws Exception {
    Path bundle = bundle("proc", UnaryOperator.identity());
    replaceWithLink(bundle.resolve("rootfs"), "proc",
        target.equals("HOST") ? hostFake.toString() : target);
    HostTraces before = HostTraces.of(runtime.root());

    ContainerException refused = assertThrows(ContainerException.class,
        () -> ContainerRuns.run(runtime, "proc", bundle));

    assertTrue(refused.getMessage().startsWith("creating container proc: mount proc on /proc:"
        + " open /proc (op ") && refused.getMessage().endsWith("openat2): ELOOP (Too many"
        + " levels of symbolic links)"), refused.getMessage());
    assertFakesUntouched(bundle);
    assertEquals(before, HostTraces.of(runtime.root()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fakeproc", "HOST"})
  void aRootfsWhoseSysIsASymlinkIsRefused(String target) throws Exception {
    Path bundle = bundle("sys", UnaryOperator.identity());
    replaceWithLink(bundle.resolve("rootfs"), "sys",
        target.equals("HOST") ? hostFake.toString() : target);

    ContainerException refused = assertThrows(ContainerException.class,
        () -> ContainerRuns.run(runtime, "sys", bundle));

    assertTrue(refused.getMessage().contains("mount sysfs on /sys: open /sys (op ")
        && refused.getMessage().contains("ELOOP"), refused.getMessage());
    assertFakesUntouched(bundle);
  }

  private static UnaryOperator<Spec> binding(Path source, String destination) {
    return spec -> {
      List<Mount> mounts = new ArrayList<>(spec.mounts());
      mounts.add(new Mount(destination, "bind", source.toString(), List.of("rbind")));
      return spec.toBuilder().mounts(mounts).build();
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proc", "/proc/sys", "/proc/sys/net", "/proc/self/attr"})
  void aVolumeOverProcIsRefusedBeforeAnythingIsDone(String destination) throws Exception {
    Path source = destination.equals("/proc") ? hostFake
        : hostFake.resolve(destination.substring("/proc/".length()));
    Files.createDirectories(source);
    Path bundle = bundle("volume", binding(source, destination));
    HostTraces before = HostTraces.of(runtime.root());

    InvalidConfigException refused = assertThrows(InvalidConfigException.class,
        () -> runtime.create("volume", bundle));

    assertEquals(List.of("$.mounts[" + Spec.example().mounts().size() + "].destination"),
        refused.problems().stream().map(Problem::jsonPath).toList(), refused.getMessage());
    assertFakesUntouched(bundle);
    assertEquals(before, HostTraces.of(runtime.root()), "refused before any side effect");
  }

  /**
   * With no procfs on /proc, which is a symlink to the rootfs's fake, and a real one on
   * /realproc: the sysctl is set in the container's network namespace, through the runtime's
   * own procfs, and nowhere else.
   */
  @Test
  void aSysctlGoesToTheRealProcfsAndNotThroughTheRootfs() throws Exception {
    Path bundle = bundle("real", spec -> {
      List<Mount> mounts = new ArrayList<>(spec.mounts().stream()
          .filter(mount -> !mount.destination().equals("/proc")).toList());
      mounts.add(new Mount("/realproc", "proc", "proc", List.of()));
      return TestBundle.withProcess(spec.toBuilder().mounts(mounts)
          .linux(spec.linux().toBuilder().maskedPaths(List.of()).readonlyPaths(List.of())
              .build()).build(),
          process -> process.args(List.of("cat", "/realproc/" + FORWARDING, "/proc/"
              + FORWARDING)));
    });
    replaceWithLink(bundle.resolve("rootfs"), "proc", "/fakeproc");
    String hostForwarding = Files.readString(Path.of("/proc/" + FORWARDING));

    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "real", bundle);

    assertEquals("1\nfake\n", outcome.output(), "the real value, then the fake through /proc");
    assertFakesUntouched(bundle);
    assertEquals(hostForwarding, Files.readString(Path.of("/proc/" + FORWARDING)),
        "the host's own value");
  }
}
