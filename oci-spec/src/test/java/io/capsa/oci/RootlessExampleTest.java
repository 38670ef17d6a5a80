package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runc's rootless conversion for a user other than root, which the runc comparison cannot show
 * here.
 */
class RootlessExampleTest {
  @Test
  void mapsRootToTheGivenUserAndGroup() {
    Linux linux = RuncExample.rootless(RuncExample.spec(false), 1000, 100).linux();

    assertEquals(List.of(new IdMapping(0, 1000, 1)), linux.uidMappings());
    assertEquals(List.of(new IdMapping(0, 100, 1)), linux.gidMappings());
    assertNull(linux.resources());
  }

  @Test
  void replacesTheNetworkNamespaceWithOneUserNamespace() {
    Spec spec = RuncExample.spec(true);
    Spec withUserNamespace =
        spec.toBuilder()
            .linux(
                spec.linux().toBuilder()
                    .namespaces(
                        List.of(
                            new Namespace(NamespaceType.USER),
                            new Namespace(NamespaceType.NETWORK, "/run/netns/x"),
                            new Namespace(NamespaceType.CGROUP)))
                    .build())
            .build();

    assertEquals(
        List.of(new Namespace(NamespaceType.CGROUP), new Namespace(NamespaceType.USER)),
        RuncExample.rootless(withUserNamespace, 1, 1).linux().namespaces());
  }

  @Test
  void bindsSysAndDropsIdOptions() {
    Spec spec =
        Spec.builder()
            .linux(Linux.builder().build())
            .mounts(
                List.of(
                    new Mount("/sys/", "sysfs", "sysfs", List.of("ro")),
                    new Mount(
                        "/dev/pts", "devpts", "devpts", List.of("newinstance", "gid=5", "uid=0")),
                    new Mount("/mnt", "tmpfs", "tmpfs", List.of("uid=0"))))
            .build();

    assertEquals(
        List.of(
            new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")),
            new Mount("/dev/pts", "devpts", "devpts", List.of("newinstance")),
            new Mount("/mnt", "tmpfs", "tmpfs", null)),
        RuncExample.rootless(spec, 1, 1).mounts());
  }

  @Test
  void cgroupV2HostsGetACgroupNamespaceLikeRuncAddsThere() {
    assertEquals(
        new Namespace(NamespaceType.CGROUP), RuncExample.spec(true).linux().namespaces().get(5));
    assertEquals(5, RuncExample.spec(false).linux().namespaces().size());
  }

  @Test
  void effectiveIdsAreThoseFilesAreCreatedWith(@TempDir Path directory) throws IOException {
    Path file = Files.createFile(directory.resolve("probe"));

    assertEquals(
        ((Number) Files.getAttribute(file, "unix:uid")).longValue(), HostFacts.effectiveUid());
    assertEquals(
        ((Number) Files.getAttribute(file, "unix:gid")).longValue(), HostFacts.effectiveGid());
  }
}
