package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.IdMapping;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.TimeOffset;
import io.capsa.oci.linux.TimeOffsets;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New, mapped and joined namespaces of real containers (root). */
class NamespacesTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  private Path bundle(String name, String script, UnaryOperator<Linux.Builder> linux)
      throws Exception {
    return TestBundle.create(dir.resolve(name), List.of("sh", "-c", script),
        spec -> spec.toBuilder().linux(linux.apply(spec.linux().toBuilder()).build()).build());
  }

  private static List<Namespace> with(Spec spec, Namespace... more) {
    List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
    namespaces.addAll(List.of(more));
    return namespaces;
  }

  private static String hostNamespace(String name) throws Exception {
    return Files.readSymbolicLink(Path.of("/proc/self/ns/" + name)).toString();
  }

  @Test
  void theContainerHasItsOwnPidMountNetworkIpcAndUtsNamespaces() throws Exception {
    String script = "for ns in pid mnt net ipc uts user; do readlink /proc/self/ns/$ns; done";
    List<String> inside = ContainerRuns.run(runtime, "own", bundle("own", script, l -> l))
        .output().lines().toList();

    List<String> host = new ArrayList<>();
    for (String ns : List.of("pid", "mnt", "net", "ipc", "uts", "user")) {
      host.add(hostNamespace(ns));
    }
    for (int i = 0; i < 5; i++) {
      assertNotEquals(host.get(i), inside.get(i));
    }
    assertEquals(host.get(5), inside.get(5), "no user namespace was asked for");
  }

  /** runc and crun bring up the loopback interface of a network namespace they create. */
  @Test
  void aNewNetworkNamespaceHasItsLoopbackInterfaceUp() throws Exception {
    String script = "ls /sys/class/net; cat /sys/class/net/lo/operstate";
    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "loopback",
        bundle("loopback", script, l -> l));

    assertEquals(List.of("lo", "unknown"), outcome.output().lines().toList(),
        "only lo, and up (a loopback's operstate is unknown when up, down otherwise)");
  }

  @Test
  void aUserNamespaceGetsItsMappingsFromTheHost() throws Exception {
    // The container's root is host uid 100000, which must be able to reach the rootfs.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Spec example = Spec.example();
    Path bundle = bundle("userns", "cat /proc/self/uid_map /proc/self/gid_map; id -u; id -g",
        linux -> linux.namespaces(with(example, new Namespace(NamespaceType.USER),
                new Namespace(NamespaceType.CGROUP)))
            .uidMappings(List.of(new IdMapping(0, 100000, 65536)))
            .gidMappings(List.of(new IdMapping(0, 200000, 1000), new IdMapping(1000, 300000, 1))));

    ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "userns", bundle);

    List<String> lines = outcome.output().lines().map(line -> line.trim().replaceAll(" +", " "))
        .toList();
    assertEquals(List.of("0 100000 65536", "0 200000 1000", "1000 300000 1", "0", "0"), lines,
        outcome.output());
  }

  @Test
  void aContainerJoinsAnotherContainersNetworkNamespaceByPath() throws Exception {
    try (Container first = runtime.create("first", bundle("first", "sleep 1000", l -> l))) {
      int pid = first.state().pid();
      String network = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
      Spec example = Spec.example();
      List<Namespace> namespaces = new ArrayList<>();
      for (Namespace ns : example.linux().namespaces()) {
        namespaces.add(ns.type() == NamespaceType.NETWORK
            ? new Namespace(NamespaceType.NETWORK, "/proc/" + pid + "/ns/net") : ns);
      }

      String joined = ContainerRuns.run(runtime, "second", bundle("second",
          "readlink /proc/self/ns/net", linux -> linux.namespaces(namespaces))).output().trim();

      assertEquals(network, joined);
      assertNotEquals(hostNamespace("net"), joined);
    }
  }

  @Test
  void aTimeNamespaceShiftsTheClocksByItsOffsets() throws Exception {
    Spec example = Spec.example();
    long day = 86400;
    Path bundle = bundle("time", "cut -d' ' -f1 /proc/uptime", linux -> linux
        .namespaces(with(example, new Namespace(NamespaceType.TIME)))
        .timeOffsets(new TimeOffsets(new TimeOffset(day, 0L), null)));
    double hostUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);

    double uptime = Double.parseDouble(ContainerRuns.run(runtime, "time", bundle).output().trim());

    assertTrue(uptime >= hostUptime + day && uptime < hostUptime + day + 60,
        "uptime " + uptime + " vs host " + hostUptime);
  }
}
