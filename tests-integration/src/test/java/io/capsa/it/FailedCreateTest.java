package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.oci.Mount;
import io.capsa.oci.OciSpecException;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import io.capsa.runtime.config.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create that fails at any step, from validation to the last op before ready, leaves no
 * process, mount, cgroup or state behind, and runs the poststop hooks once the hooks were
 * reached (root).
 */
class FailedCreateTest {
  @TempDir Path dir;
  private Path stateRoot;
  private ContainerRuntime runtime;
  private Path poststopMarker;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
    stateRoot = runtime.root();
    poststopMarker = dir.resolve("poststop-ran");
  }

  private Path bundle(UnaryOperator<Spec> change) throws Exception {
    return TestBundle.create(Files.createTempDirectory(dir, "bundle"), List.of("true"), change);
  }

  private Hooks.Builder withPoststop() {
    return Hooks.builder().poststop(List.of(
        new Hook("/bin/touch", List.of("touch", poststopMarker.toString()), null, null)));
  }

  /** Creates from {@code bundle}, expecting {@code type} with a message holding {@code text}. */
  private <T extends RuntimeException> T assertCreateFails(Class<T> type, Path bundle,
      String text) throws Exception {
    HostTraces before = HostTraces.of(stateRoot);
    T failure = assertThrows(type, () -> runtime.create("doomed", bundle));
    assertTrue(failure.getMessage().contains(text), failure.getMessage());
    assertEquals(before, HostTraces.of(stateRoot), "create left something behind");
    TestJvmCgroup.defaultCgroupOf("doomed")
        .ifPresent(cgroup -> assertFalse(Files.exists(cgroup), cgroup + " is left"));
    return failure;
  }

  @Test
  void anInvalidConfigurationIsRefusedWithEveryProblemBeforeAnythingHappens() throws Exception {
    Path bundle = bundle(spec -> {
      List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
      namespaces.add(new Namespace(NamespaceType.PID));
      return spec.toBuilder()
          .linux(spec.linux().toBuilder().namespaces(namespaces).build())
          .hooks(Hooks.builder().prestart(List.of(new Hook("relative/hook"))).build())
          .build();
    });

    InvalidConfigException failure = assertCreateFails(InvalidConfigException.class, bundle,
        "$.linux.namespaces[5].type: duplicate namespace type pid");
    assertTrue(failure.getMessage().contains("$.hooks.prestart[0].path: must be an absolute"
        + " path"), failure.getMessage());
    assertEquals(List.of(), List.of(Files.exists(stateRoot) ? Files.list(stateRoot).toArray()
        : new Object[0]));
  }

  @Test
  void anUnknownNamespaceTypeIsNamedWithItsJsonPath() throws Exception {
    Path bundle = bundle(spec -> spec);
    Path config = bundle.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"uts\"", "\"utz\""),
        StandardCharsets.UTF_8);

    assertCreateFails(OciSpecException.class, bundle, "$.linux.namespaces[3].type");
  }

  @Test
  void aNamespacePathThatCannotBeOpened() throws Exception {
    Path bundle = bundle(spec -> {
      List<Namespace> namespaces = new ArrayList<>();
      for (Namespace ns : spec.linux().namespaces()) {
        namespaces.add(ns.type() == NamespaceType.NETWORK
            ? new Namespace(NamespaceType.NETWORK, "/nonexistent/ns/net") : ns);
      }
      return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(namespaces).build())
          .build();
    });

    assertCreateFails(ContainerException.class, bundle, "/nonexistent/ns/net: ENOENT");
  }

  @Test
  void aMountTheKernelRefuses() throws Exception {
    Path bundle = bundle(spec -> {
      List<Mount> mounts = new ArrayList<>(spec.mounts());
      mounts.add(new Mount("/mnt", "tmpfs", "tmpfs", List.of("size=plenty")));
      return spec.toBuilder().mounts(mounts).build();
    });

    assertCreateFails(ContainerException.class, bundle, "EINVAL");
  }

  @Test
  void aMissingExecutable() throws Exception {
    Path bundle = bundle(spec -> TestBundle.withProcess(spec,
        process -> process.args(List.of("no-such-program"))));

    assertCreateFails(ContainerException.class, bundle, "no-such-program");
  }

  @Test
  void aWorkingDirectoryThatDoesNotExist() throws Exception {
    Path bundle = bundle(spec -> TestBundle.withProcess(spec,
        process -> process.cwd("/no/such/directory")));

    assertCreateFails(ContainerException.class, bundle, "/no/such/directory");
  }

  @Test
  void aCgroupsPathAtTheHierarchysRootIsRefused() throws Exception {
    Path bundle = bundle(spec -> spec.toBuilder()
        .linux(spec.linux().toBuilder().cgroupsPath("/a/..").build()).build());

    assertCreateFails(InvalidConfigException.class, bundle, "$.linux.cgroupsPath: \"/a/..\" is"
        + " the root of the cgroup hierarchy");
  }

  /** Someone else's cgroup stays as it was: the create neither joins nor removes it. */
  @Test
  void aCgroupWithSomeoneElsesProcessesIsRefusedAndLeftAlone() throws Exception {
    CgroupHierarchy hierarchy = CgroupHierarchy.ofThisProcess();
    String path = "/capsa-it-taken-" + ProcessHandle.current().pid();
    Path taken = Files.createDirectory(hierarchy.mountPoint().resolve(path.substring(1)));
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(taken.resolve("cgroup.procs"), Long.toString(sleeper.pid()));
      Path bundle = bundle(spec -> spec.toBuilder()
          .linux(spec.linux().toBuilder().cgroupsPath(path).build()).build());

      assertCreateFails(ContainerException.class, bundle, "already exists and has processes in"
          + " it");
      assertEquals(List.of(Long.toString(sleeper.pid())),
          Files.readAllLines(taken.resolve("cgroup.procs")));
    } finally {
      sleeper.destroyForcibly().waitFor();
      Files.delete(taken);
    }
  }

  @Test
  void aFailingPrestartHookAndThePoststopHooksRun() throws Exception {
    Path bundle = bundle(spec -> spec.toBuilder().hooks(withPoststop()
        .prestart(List.of(new Hook("/bin/false"))).build()).build());

    assertCreateFails(ContainerException.class, bundle, "prestart hook 0 (/bin/false) exited"
        + " with 1");
    assertTrue(Files.exists(poststopMarker));
  }

  @Test
  void aFailingCreateRuntimeHook() throws Exception {
    Path bundle = bundle(spec -> spec.toBuilder().hooks(withPoststop()
        .createRuntime(List.of(new Hook("/bin/sh", List.of("sh", "-c", "exit 4"), null, null)))
        .build()).build());

    assertCreateFails(ContainerException.class, bundle, "createRuntime hook 0 (/bin/sh) exited"
        + " with 4");
    assertTrue(Files.exists(poststopMarker));
  }

  @Test
  void aFailingCreateContainerHookInsideTheContainer() throws Exception {
    Path bundle = bundle(spec -> spec.toBuilder().hooks(withPoststop()
        .createContainer(List.of(new Hook("/bin/sh", List.of("sh", "-c", "exit 5"), null,
            null))).build()).build());

    assertCreateFails(ContainerException.class, bundle, "createContainer hook 0 (/bin/sh)"
        + " (op ");
    assertTrue(Files.exists(poststopMarker));
  }

  @Test
  void aHostnameTheKernelRefusesLateInTheProgram() throws Exception {
    Path bundle = bundle(spec -> spec.toBuilder().hostname("h".repeat(65))
        .hooks(withPoststop().createContainer(List.of(new Hook("/bin/true"))).build())
        .build());

    assertCreateFails(ContainerException.class, bundle, "sethostname): EINVAL");
    assertTrue(Files.exists(poststopMarker));
  }
}
