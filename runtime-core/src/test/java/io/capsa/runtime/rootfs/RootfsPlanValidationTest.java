package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.init.InitProgram;
import io.capsa.oci.IdMapping;
import io.capsa.oci.Mount;
import io.capsa.oci.Problem;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceType;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.RootfsPropagation;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPlanValidationTest {
  @TempDir Path temp;
  private TestBundle bundle;

  @BeforeEach
  void createBundle() {
    bundle = new TestBundle(temp);
  }

  private static List<String> paths(List<Problem> problems) {
    return problems.stream().map(Problem::jsonPath).toList();
  }

  @Test
  void reportsEveryProblemAtOnceWithItsJsonPath() {
    Map<String, String> sysctl = new LinkedHashMap<>();
    sysctl.put("net.ipv4.ip_forward", "1");
    sysctl.put("vm.swappiness", "10");
    Spec spec = TestBundle.spec()
        .mounts(List.of(
            new Mount("/proc", "proc", "proc", List.of()),
            new Mount("data", null, "data", List.of("rbind")),
            new Mount("/tmp", null, "tmpfs", List.of("nosuid")),
            new Mount("/cache", "tmpfs", "tmpfs", List.of("tmpcopyup", "size=1m")),
            new Mount("/missing", null, "no-such-dir", List.of("bind"))))
        .linux(Linux.builder()
            .namespaces(List.of(new Namespace(NamespaceType.MOUNT)))
            .devices(List.of(new Device("/dev/fuse", DeviceType.CHAR, null, 229L, null, null,
                null, null)))
            .maskedPaths(List.of("/proc/kcore", "proc/keys"))
            .sysctl(sysctl)
            .mountLabel("system_u:object_r:container_file_t:s0")
            .build())
        .build();
    bundle.directory("data");

    List<Problem> problems = bundle.problems(spec);

    assertEquals(List.of(
        "$.mounts[1].destination",
        "$.mounts[2].type",
        "$.mounts[3].options[0]",
        "$.mounts[4].source",
        "$.linux.mountLabel",
        "$.linux.devices[0].major",
        "$.linux.maskedPaths[1]",
        "$.linux.sysctl['net.ipv4.ip_forward']",
        "$.linux.sysctl['vm.swappiness']"), paths(problems));
    assertEquals(new Problem("$.mounts[1].destination",
        "must be an absolute path without NUL characters, was \"data\""), problems.get(0));
    assertEquals(new Problem("$.mounts[4].source",
        temp.resolve("no-such-dir") + " does not exist"), problems.get(3));
    assertEquals(new Problem("$.linux.mountLabel",
        "SELinux is not enabled on this host, so the mount label cannot be applied"),
        problems.get(4));
    assertEquals(new Problem("$.linux.devices[0].major",
        "required for a device of type c, b or u"), problems.get(5));
    assertEquals(new Problem("$.linux.sysctl['net.ipv4.ip_forward']",
        "net.ipv4.ip_forward needs the container to have its own network namespace"),
        problems.get(7));
  }

  @Test
  void theRootMustBeAnExistingDirectory() throws Exception {
    Files.writeString(temp.resolve("file"), "not a directory");

    assertEquals(List.of(new Problem("$.root", "required: the container needs a root "
        + "filesystem")), bundle.problems(TestBundle.spec().root(null).build()));
    assertEquals(List.of(new Problem("$.root.path", temp.resolve("absent") + " does not exist")),
        bundle.problems(TestBundle.spec().root(new Root("absent")).build()));
    assertEquals(List.of(new Problem("$.root.path", temp.resolve("file")
        + " is not a directory")), bundle.problems(TestBundle.spec().root(new Root("file"))
            .build()));
  }

  @Test
  void aRelativeRootIsInTheBundleAndSymlinksAreResolved() throws Exception {
    Files.createSymbolicLink(temp.resolve("link"), temp.resolve("rootfs"));

    RootfsPlan plan = bundle.plan(TestBundle.spec().root(new Root("link")).build());

    assertEquals(bundle.rootfs, plan.rootfs());
  }

  @Test
  void aMountNamespaceIsRequired() {
    Spec spec = TestBundle.withLinux(Linux.builder().namespaces(List.of(
        new Namespace(NamespaceType.PID))).build());

    assertEquals(List.of("$.linux.namespaces"), paths(bundle.problems(spec)));
  }

  @Test
  void procTakesOnlyAProcfsAndBelowItOnlyWhatLxcfsEmulates() {
    bundle.directory("lxcfs");
    Spec spec = TestBundle.withMounts(
        new Mount("/proc", "tmpfs", "tmpfs", List.of()),
        new Mount("/proc/sys/kernel", "tmpfs", "tmpfs", List.of()),
        new Mount("/proc/../proc/cpuinfo", null, "lxcfs", List.of("bind")),
        new Mount("/proc", null, "/proc", List.of("rbind")),
        new Mount("/proc", "proc", "proc", List.of()),
        new Mount("/proc", null, "lxcfs", List.of("bind")));

    List<Problem> problems = bundle.problems(spec);

    assertEquals(List.of("$.mounts[0].destination", "$.mounts[1].destination",
        "$.mounts[5].destination"), paths(problems));
    assertEquals("/proc takes only a procfs: a mount of type proc, or a bind mount of one",
        problems.get(0).message());
  }

  @Test
  void mountsOnTheRootOrWithoutSourceOrWithDataOnABindAreRefused() {
    bundle.directory("data");
    Spec spec = TestBundle.withMounts(
        new Mount("/", "tmpfs", "tmpfs", List.of()),
        new Mount("/data", null, null, List.of("bind")),
        new Mount("/data", null, "data", List.of("bind", "size=1m")),
        new Mount("/data", "tmpfs", null, List.of("remount", "mode=755")));

    List<Problem> problems = bundle.problems(spec);

    assertEquals(List.of(
        new Problem("$.mounts[0].destination",
            "cannot be / : the rootfs itself is the container's root"),
        new Problem("$.mounts[1].source", "a bind mount needs a source"),
        new Problem("$.mounts[2].options", "a bind mount cannot take filesystem options "
            + "[size=1m]: they belong to the filesystem, not to one of its mounts"),
        new Problem("$.mounts[3].options", "a remount cannot take filesystem options "
            + "[mode=755]: they belong to the filesystem, not to one of its mounts")),
        problems);
  }

  @Test
  void idmappedMountsAreBindMountsWithBothMappings() {
    bundle.directory("data");
    List<IdMapping> map = List.of(new IdMapping(0, 100000, 65536));
    Spec spec = TestBundle.withMounts(
        new Mount("/a", "tmpfs", "tmpfs", List.of("idmap")),
        new Mount("/b", null, "data", List.of("rbind"), map, null, null),
        new Mount("/c", "tmpfs", "tmpfs", List.of(), map, map, null));

    assertEquals(List.of(
        new Problem("$.mounts[0].options", "id-mapped mounts are only supported for bind mounts"),
        new Problem("$.mounts[1].gidMappings",
            "an id-mapped mount needs both uidMappings and gidMappings"),
        new Problem("$.mounts[2].uidMappings",
            "id-mapped mounts are only supported for bind mounts")),
        bundle.problems(spec));
  }

  @Test
  void devicesNeedAbsolutePathsAndNumbersInRange() {
    Spec spec = TestBundle.withLinux(TestBundle.linux().devices(List.of(
        new Device("dev/x", DeviceType.BLOCK, 8L, 0L),
        new Device("/dev/big", DeviceType.CHAR, 4096L, 1L << 20),
        new Device("/dev/fifo", DeviceType.FIFO, null, null, null, null, null, null))).build());

    assertEquals(List.of(
        new Problem("$.linux.devices[0].path", "must be an absolute path below /, was \"dev/x\""),
        new Problem("$.linux.devices[1].major", "must be between 0 and 4095, was 4096"),
        new Problem("$.linux.devices[1].minor", "must be between 0 and 1048575, was 1048576")),
        bundle.problems(spec));
  }

  @Test
  void aMountLabelIsAcceptedWhereSelinuxIsEnabled() {
    Spec spec = TestBundle.withLinux(TestBundle.linux().mountLabel("system_u:object_r:x:s0")
        .build());

    assertEquals(List.of(), bundle.problems(spec, new RootfsHost(true, false, List.of(), null)));
  }

  @Test
  void aPrivateRootWithoutPivotRootIsAProblemOfTheConfig() {
    RootfsPlan plan = bundle.plan(TestBundle.withLinux(TestBundle.linux()
        .rootfsPropagation(RootfsPropagation.PRIVATE).build()));
    ConfigProblems problems = new ConfigProblems();

    plan.checkNoPivot(false, problems);
    assertEquals(List.of(), problems.list(), "with pivot_root");
    plan.checkNoPivot(true, problems);

    assertEquals(List.of(new Problem("$.linux.rootfsPropagation",
        "private is not safe without pivot_root")), problems.list());
    assertThrows(IllegalStateException.class,
        () -> plan.emitPivot(InitProgram.builder(Arch.X86_64), true));
  }
}
