package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.Stdio;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import io.capsa.runtime.cgroups.CgroupPath;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.state.ContainerStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes exec'd into an existing cgroup below a real busybox container's (runc's exec
 * --cgroup), through the library (root): born there, seen from the container's cgroup
 * namespace below its root, and the refusals that leave nothing behind.
 */
class ExecCgroupTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;
  private CgroupHierarchy hierarchy;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
    hierarchy = CgroupHierarchy.ofThisProcess();
  }

  private Container running(String id, UnaryOperator<Spec> customize) throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve(id)),
        List.of("sleep", "1000"), customize);
    Container container = runtime.create(id, bundle);
    container.start();
    return container;
  }

  private static Spec withCgroupNamespace(Spec spec) {
    List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
    namespaces.add(new Namespace(NamespaceType.CGROUP));
    return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(namespaces).build())
        .build();
  }

  /** The container's cgroup, as create made it for {@code id}. */
  private CgroupPath cgroup(String id) {
    return CgroupPath.forContainer(null, id, hierarchy.ownCgroup(), new ConfigProblems());
  }

  /** {@code script} run by sh in the container, in the cgroup {@code options} names. */
  private String exec(Container container, ExecOptions.Builder options, String script)
      throws Exception {
    Path output = Files.createTempFile(dir, "exec", ".out");
    try (ExecProcess exec = container.exec(
        container.process().toBuilder().args(List.of("sh", "-c", script)).build(),
        options.stdio(Stdio.files(Path.of("/dev/null"), output, output)).build())) {
      assertEquals(0, exec.exit().get(60, TimeUnit.SECONDS).code(), Files.readString(output));
      return Files.readString(output);
    }
  }

  @Test
  void inACgroupNamespaceTheProcessSeesItsSubCgroupBelowTheRoot() throws Exception {
    Path sub;
    try (Container container = running("cgroupns", ExecCgroupTest::withCgroupNamespace)) {
      sub = Files.createDirectories(
          hierarchy.directoryOf(cgroup("cgroupns")).resolve("sub/inner"));

      assertEquals("0::/sub/inner\n", exec(container, ExecOptions.builder().cgroup("sub/inner"),
          "grep ^0:: /proc/self/cgroup"));
      assertEquals("0::/\n", exec(container, ExecOptions.builder(),
          "grep ^0:: /proc/self/cgroup"));
    }
    assertFalse(Files.exists(sub), "delete removes the cgroups below the container's too");
  }

  @Test
  void aContainerWithoutACgroupHasNoSubCgroupToJoin() throws Exception {
    try (Container container = running("nocgroup", spec -> spec)) {
      Path state = dir.resolve("state/nocgroup/state.json");
      byte[] stored = Files.readAllBytes(state);
      ObjectMapper json = new ObjectMapper();
      ObjectNode withoutCgroup = (ObjectNode) json.readTree(stored);
      withoutCgroup.remove("capsaCgroupPath");
      Files.write(state, json.writeValueAsBytes(withoutCgroup));
      try {
        ContainerStateException refused = assertThrows(ContainerStateException.class,
            () -> exec(container, ExecOptions.builder().cgroup("sub"), "echo ran"));
        assertEquals("cannot exec in sub-cgroup sub: container nocgroup has no cgroup",
            refused.getMessage());
        assertEquals("ran\n", exec(container, ExecOptions.builder().cgroup("/"), "echo ran"));
      } finally {
        Files.write(state, stored);
      }
    }
  }

  @Test
  void aMissingSubCgroupIsNamedAndNothingRuns() throws Exception {
    try (Container container = running("missing", spec -> spec)) {
      ContainerException refused = assertThrows(ContainerException.class,
          () -> exec(container, ExecOptions.builder().cgroup("nope"), "echo ran"));

      assertEquals("executing in container missing: cannot open sub-cgroup nope of cgroup "
          + cgroup("missing") + ": openat2 "
          + hierarchy.directoryOf(cgroup("missing")).resolve("nope")
          + ": ENOENT (No such file or directory)", refused.getMessage());
      assertEquals(List.of(container.state().pid()), container.processes());
    }
  }

  @Test
  void aPathLeadingOutOfTheContainersCgroupIsRefusedBeforeAnExec() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ExecOptions.builder().cgroup("sub/../../other"));
    assertTrue(refused.getMessage().startsWith("bad sub cgroup path: sub/../../other"),
        refused.getMessage());
  }
}
