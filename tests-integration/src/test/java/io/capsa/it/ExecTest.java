package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Capabilities;
import io.capsa.oci.IdMapping;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import io.capsa.oci.User;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.Stdio;
import io.capsa.runtime.state.ContainerStateException;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes exec'd into real busybox containers (root). */
class ExecTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  /** A started container whose init sleeps, with the spec changed by {@code customize}. */
  private Container running(String id, UnaryOperator<Spec> customize) throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve(id)),
        List.of("sleep", "1000"), customize);
    Container container = runtime.create(id, bundle);
    container.start();
    return container;
  }

  private Container running(String id) throws Exception {
    return running(id, spec -> spec);
  }

  /** How an exec ended and what it wrote to stdout and stderr. */
  private record Outcome(ExitStatus status, String output) {}

  private Outcome exec(Container container, ProcessConfig process) throws Exception {
    Path output = Files.createTempFile(dir, "exec", ".out");
    try (ExecProcess exec = container.exec(process, ExecOptions.builder()
        .stdio(Stdio.files(Path.of("/dev/null"), output, output)).build())) {
      ExitStatus status = exec.exit().get(60, TimeUnit.SECONDS);
      return new Outcome(status, Files.readString(output));
    }
  }

  private Outcome sh(Container container, String script) throws Exception {
    return exec(container, container.process().toBuilder()
        .args(List.of("sh", "-c", script)).build());
  }

  private static String initStatus(Container container, String field) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + container.state().pid() + "/status")).stream()
        .filter(line -> line.startsWith(field + ":")).findFirst().orElseThrow();
  }

  @Test
  void anExecSharesTheInitsNamespacesHostnameAndMounts() throws Exception {
    try (Container container = running("shared")) {
      Outcome outcome = sh(container, "tr '\\0' ' ' < /proc/1/cmdline; echo; hostname;"
          + " for ns in pid mnt net ipc uts; do readlink /proc/self/ns/$ns; done");

      List<String> lines = outcome.output().lines().toList();
      assertEquals(ExitStatus.exited(0), outcome.status(), outcome.output());
      assertEquals("sleep 1000 ", lines.get(0));
      assertEquals("runc", lines.get(1));
      int pid = container.state().pid();
      List<String> namespaces = List.of("pid", "mnt", "net", "ipc", "uts");
      for (int i = 0; i < namespaces.size(); i++) {
        assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + namespaces.get(i)))
            .toString(), lines.get(2 + i), namespaces.get(i));
      }
      assertEquals(Files.readString(Path.of("/proc/" + pid + "/mountinfo")),
          sh(container, "cat /proc/self/mountinfo").output(), "the mounts as the init sees them");
    }
  }

  @Test
  void anExecHasTheContainersCapabilitiesUnlessItAddsSome() throws Exception {
    try (Container container = running("caps")) {
      Outcome same = sh(container, "grep ^Cap /proc/self/status");
      for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
        assertTrue(same.output().contains(initStatus(container, set) + "\n"),
            set + " differs: " + same.output());
      }

      Capabilities base = container.process().capabilities();
      Capabilities added = new Capabilities(plus(base.bounding(), "CAP_SYS_ADMIN"),
          plus(base.effective(), "CAP_SYS_ADMIN"), base.inheritable(),
          plus(base.permitted(), "CAP_SYS_ADMIN"), base.ambient());
      Outcome more = exec(container, container.process().toBuilder().capabilities(added)
          .args(List.of("sh", "-c", "grep ^CapEff /proc/self/status")).build());
      long effective = Long.parseLong(more.output().trim().split("\\s+")[1], 16);
      assertEquals(1L << 21, effective & (1L << 21), "CAP_SYS_ADMIN is capability 21");
    }
  }

  private static List<String> plus(List<String> names, String name) {
    List<String> more = new ArrayList<>(names);
    more.add(name);
    return more;
  }

  @Test
  void anExecRunsAsTheUserItAsksFor() throws Exception {
    try (Container container = running("user")) {
      Outcome outcome = exec(container, container.process().toBuilder()
          .user(new User(1000L, 1001L, null, List.of(1002L), null, null))
          .args(List.of("sh", "-c", "id -u; id -g; id -G")).build());

      assertEquals("1000\n1001\n1001 1002\n", outcome.output());
    }
  }

  @Test
  void theExitStatusComesBackAs128PlusTheSignalForASignal() throws Exception {
    try (Container container = running("status")) {
      assertEquals(ExitStatus.exited(7), sh(container, "exit 7").status());
      assertEquals(ExitStatus.killed(Signal.KILL), sh(container, "kill -9 $$").status());
    }
  }

  @Test
  void anExecJoinsTheContainersUserNamespace() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Container container = running("userns", spec -> {
      List<Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
      namespaces.add(new Namespace(NamespaceType.USER));
      return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(namespaces)
          .uidMappings(List.of(new IdMapping(0, 100000, 65536)))
          .gidMappings(List.of(new IdMapping(0, 100000, 65536))).build()).build();
    })) {
      Outcome outcome = sh(container, "readlink /proc/self/ns/user; cat /proc/self/uid_map;"
          + " id -u; tr '\\0' ' ' < /proc/1/cmdline");

      List<String> lines = outcome.output().lines().toList();
      assertEquals(ExitStatus.exited(0), outcome.status(), outcome.output());
      assertEquals(Files.readSymbolicLink(Path.of("/proc/" + container.state().pid()
          + "/ns/user")).toString(), lines.get(0));
      assertEquals(List.of("0", "100000", "65536"), List.of(lines.get(1).trim().split("\\s+")));
      assertEquals("0", lines.get(2));
      assertEquals("sleep 1000 ", lines.get(3));
    }
  }

  @Test
  void aMissingExecutableIsReportedWithRuncsWords() throws Exception {
    try (Container container = running("missing")) {
      ContainerException e = assertThrows(ContainerException.class, () -> container.exec(
          container.process().toBuilder().args(List.of("no-such-program")).build(),
          ExecOptions.defaults()));
      assertTrue(e.getMessage().contains("executable file not found in $PATH"), e.getMessage());
    }
  }

  @Test
  void aStoppedContainerRefusesExec() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("stopped")),
        List.of("true"));
    try (Container container = runtime.create("stopped", bundle)) {
      container.start();
      container.exit().get(60, TimeUnit.SECONDS);
      ContainerStateException e = assertThrows(ContainerStateException.class,
          () -> container.exec(container.process(), ExecOptions.defaults()));
      assertEquals("cannot exec in a stopped container", e.getMessage());
    }
  }

  @Test
  void aCreatedContainerCanBeJoinedBeforeItStarts() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("created")),
        List.of("sleep", "1000"));
    try (Container container = runtime.create("created", bundle)) {
      Outcome outcome = sh(container, "hostname");

      assertEquals(ExitStatus.exited(0), outcome.status(), outcome.output());
      assertEquals("runc\n", outcome.output());
    }
  }

  @Test
  void preservedFdsAreTheProcesssFromThreeUp() throws Exception {
    Path written = dir.resolve("fd3.out");
    try (Container container = running("fds");
        Fd file = HostSyscalls.get().openat2(Fd.cwd(), written.toString(), new OpenHow(
            Arch.current().constant(ArchConstant.O_WRONLY) | Arch.current().constant(
                ArchConstant.O_CREAT) | Arch.current().constant(ArchConstant.O_CLOEXEC), 0644, 0));
        ExecProcess exec = container.exec(container.process().toBuilder()
            .args(List.of("sh", "-c", "echo through fd 3 >&3; ls /proc/self/fd")).build(),
            ExecOptions.builder().preservedFds(List.of(file)).build())) {
      assertEquals(ExitStatus.exited(0), exec.exit().get(60, TimeUnit.SECONDS));
    }
    assertEquals("through fd 3\n", Files.readString(written));
  }
}
