package io.capsa.runtime.namespaces;

import static io.capsa.oci.linux.NamespaceType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.IdMapping;
import io.capsa.oci.Problem;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.TimeOffset;
import io.capsa.oci.linux.TimeOffsets;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceConversionTest {
  private final NamespaceConversion everyType = new NamespaceConversion(type -> true);

  private static Spec spec(Linux linux) {
    return Spec.builder().linux(linux).build();
  }

  private static Linux.Builder namespaces(Namespace... namespaces) {
    return Linux.builder().namespaces(List.of(namespaces));
  }

  private List<Problem> problems(Spec spec) {
    return problems(everyType, spec);
  }

  private static List<Problem> problems(NamespaceConversion conversion, Spec spec) {
    ConfigProblems problems = new ConfigProblems();
    conversion.convert(spec, problems);
    return problems.list();
  }

  @Test
  void newAndJoinedNamespacesAreSeparated() {
    ConfigProblems problems = new ConfigProblems();
    ContainerNamespaces namespaces = everyType.convert(spec(namespaces(new Namespace(PID),
        new Namespace(MOUNT), new Namespace(NETWORK, "/proc/42/ns/net"),
        new Namespace(UTS)).build()), problems);

    assertEquals(List.of(), problems.list());
    assertEquals(EnumSet.of(PID, MOUNT, UTS), namespaces.created());
    assertEquals(List.of(new JoinedNamespace(NETWORK, "/proc/42/ns/net")), namespaces.joined());
    assertTrue(namespaces.isPrivate(NETWORK));
    Arch arch = Arch.X86_64;
    assertEquals(arch.constant(ArchConstant.CLONE_NEWPID) | arch.constant(ArchConstant.CLONE_NEWNS)
        | arch.constant(ArchConstant.CLONE_NEWUTS), namespaces.unshareFlags(arch));
  }

  @Test
  void everyProblemIsReportedWithItsJsonPath() {
    Spec spec = Spec.builder().hostname("web").linux(namespaces(
            new Namespace(PID), new Namespace(PID), new Namespace(NETWORK, "proc/1/ns/net"),
            new Namespace(MOUNT, "/proc/1/ns/mnt"), new Namespace(TIME, "/proc/1/ns/time"))
        .uidMappings(List.of(new IdMapping(0, 1000, 1)))
        .timeOffsets(new TimeOffsets(null, new TimeOffset(5L, 2_000_000_000L)))
        .build()).build();

    assertEquals(List.of(
        new Problem("$.linux.namespaces[1].type", "duplicate namespace type pid (also at"
            + " $.linux.namespaces[0])"),
        new Problem("$.linux.namespaces[2].path", "must be an absolute path, was"
            + " \"proc/1/ns/net\""),
        new Problem("$.linux.namespaces[3].path", "the mount namespace must be new, not joined:"
            + " the container's root filesystem is set up in it"),
        new Problem("$.linux.uidMappings", "id mappings without a user namespace in"
            + " $.linux.namespaces"),
        new Problem("$.linux.timeOffsets", "time offsets need a new time namespace, but"
            + " $.linux.namespaces[4] joins one by path"),
        new Problem("$.linux.timeOffsets.monotonic.nanosecs", "must be below 1000000000, was"
            + " 2000000000"),
        new Problem("$.hostname", "unable to set hostname without a private UTS namespace")),
        problems(spec));
  }

  @Test
  void aNewUserNamespaceNeedsBothMappings() {
    assertEquals(List.of(
            new Problem("$.linux.uidMappings", "a new user namespace needs uidMappings"),
            new Problem("$.linux.gidMappings", "a new user namespace needs gidMappings")),
        problems(spec(namespaces(new Namespace(MOUNT), new Namespace(USER)).build())));
  }

  @Test
  void aJoinedUserNamespaceNeedsNoMappingsAndGetsNoneWritten() {
    ConfigProblems problems = new ConfigProblems();
    ContainerNamespaces namespaces = everyType.convert(spec(namespaces(new Namespace(MOUNT),
        new Namespace(USER, "/proc/7/ns/user"))
        .uidMappings(List.of(new IdMapping(0, 100000, 65536))).build()), problems);

    assertEquals(List.of(), problems.list());
    assertEquals(List.of(), namespaces.uidMappings());
  }

  @Test
  void mappingsTheKernelWouldRefuseAreFoundFirst() {
    Spec spec = spec(namespaces(new Namespace(MOUNT), new Namespace(USER))
        .uidMappings(List.of(new IdMapping(0, 100000, 1000), new IdMapping(500, 200000, 10),
            new IdMapping(2000, 100500, 10), new IdMapping(3000, 0, 0),
            new IdMapping(4294967295L, 1, 2)))
        .gidMappings(List.of(new IdMapping(0, 100000, 65536)))
        .build());

    assertEquals(List.of(
        new Problem("$.linux.uidMappings[1]", "container ids overlap those of"
            + " $.linux.uidMappings[0]"),
        new Problem("$.linux.uidMappings[2]", "host ids overlap those of $.linux.uidMappings[0]"),
        new Problem("$.linux.uidMappings[3].size", "must be at least 1"),
        new Problem("$.linux.uidMappings[4]", "containerID + size goes past 4294967295")),
        problems(spec));
  }

  @Test
  void timeOffsetsNeedATimeNamespaceAndAreWrittenForANewOne() {
    TimeOffsets offsets = new TimeOffsets(new TimeOffset(-3L, 0L), new TimeOffset(10L, 5L));
    assertEquals(List.of(new Problem("$.linux.timeOffsets",
            "time offsets without a time namespace in $.linux.namespaces")),
        problems(spec(namespaces(new Namespace(MOUNT)).timeOffsets(offsets).build())));

    ContainerNamespaces namespaces = everyType.convert(spec(namespaces(new Namespace(MOUNT),
        new Namespace(TIME)).timeOffsets(offsets).build()), new ConfigProblems());
    assertEquals(Optional.of("monotonic 10 5\nboottime -3 0\n"),
        namespaces.clockOffsets().map(ClockOffsets::procText));
  }

  @Test
  void typesTheKernelLacksAreNamed() {
    Set<NamespaceType> present = EnumSet.of(MOUNT, PID);
    assertEquals(List.of(new Problem("$.linux.namespaces[1].type",
            "time namespaces are not enabled in this kernel (no /proc/self/ns/time)")),
        problems(new NamespaceConversion(present::contains),
            spec(namespaces(new Namespace(MOUNT), new Namespace(TIME)).build())));
  }
}
