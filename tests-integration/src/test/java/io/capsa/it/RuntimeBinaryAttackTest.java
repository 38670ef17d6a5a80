package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.init.InitBinary;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.Signal;
import io.capsa.runtime.Stdio;
import io.capsa.sys.Arch;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overwriting the runtime binary, CVE-2019-5736: runc's binary was exec'd into the container
 * (its /bin/sh replaced by "#!/proc/self/exe"), where the container opened /proc/PID/exe and
 * rewrote runc on the host. Capsa's capsa-init runs from a sealed memfd and no host file of the
 * runtime is ever executed in the container or visible to it. Here proc-racer, inside the
 * container, stops every process of the runtime that appears there, tries to open and rewrite
 * every executable it can see, and holds the runtime's binary when the container gets it run;
 * afterwards the runtime's files on the host and the memfd this JVM launches from must be
 * unchanged (root, gcc).
 */
class RuntimeBinaryAttackTest {
  /** The executables a container of these tests may show: its own, or the sealed capsa-init. */
  private static final String SEALED_RUNTIME = "/memfd:capsa-init_(deleted)";

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private CapsaCli cli;
  private Map<Path, String> runtimeFilesBefore;

  @BeforeEach
  void setUp() throws Exception {
    runtime = RealContainers.runtime(dir);
    cli = new CapsaCli(dir);
    runtimeFilesBefore = runtimeFiles();
  }

  @AfterEach
  void removeContainers() throws Exception {
    if (cli != null) {
      cli.removeAll();
    }
  }

  /** The racer's container, with /bin/evil the script that has the runtime run itself. */
  private Path racerBundle(String name) throws Exception {
    Path bundle = ProcRacer.bundle(Files.createDirectory(dir.resolve(name)),
        ProcRacer.command("watch", "120"), spec -> spec);
    Path evil = bundle.resolve("rootfs/bin/evil");
    Files.writeString(evil, "#!/proc/self/exe\n");
    Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bundle;
  }

  private static ExitStatus exec(Container container, String... args) throws Exception {
    try (ExecProcess exec = container.exec(container.process().toBuilder()
        .args(List.of(args)).build(), ExecOptions.builder()
        .stdio(Stdio.files(Path.of("/dev/null"), Path.of("/dev/null"), Path.of("/dev/null")))
        .build())) {
      return exec.exit().get(60, TimeUnit.SECONDS);
    }
  }

  private static ProcRacer.Report stop(Container container, Path bundle) throws Exception {
    container.kill(Signal.TERM);
    container.exit().get(60, TimeUnit.SECONDS);
    return ProcRacer.report(bundle);
  }

  @Test
  void anExecdProcessShowsTheContainerNeitherTheRuntimesBinaryNorAHostFile() throws Exception {
    Path bundle = racerBundle("visible");
    ProcRacer.Report report;
    try (Container container = runtime.create("visible", bundle)) {
      container.start();
      ProcRacer.awaitWatching(bundle);
      for (int i = 0; i < 20; i++) {
        assertEquals(ExitStatus.exited(0), exec(container, "true"));
      }
      assertEquals(ExitStatus.exited(0), exec(container, ProcRacer.IN_ROOTFS, "once"));
      report = stop(container, bundle);
    }

    assertFalse(report.runtimeProcessesCaught().isEmpty(),
        "the racer caught no exec'd process before its execve: " + report.lines());
    assertExecutablesAreTheContainersOrTheSealedRuntime(report);
    assertEquals(List.of(), report.breaches());
    assertRuntimeIntact();
  }

  /**
   * The attack proper: the container gets the runtime to execute /proc/self/exe inside it,
   * holds that executable and writes to it once the process is gone.
   */
  @Test
  void theRuntimeBinaryTheContainerGetsRunCannotBeRewritten() throws Exception {
    Path bundle = racerBundle("shebang");
    ProcRacer.Report report;
    try (Container container = runtime.create("shebang", bundle)) {
      container.start();
      ProcRacer.awaitWatching(bundle);
      for (int i = 0; i < 60 && !heldTheRuntime(ProcRacer.report(bundle)); i++) {
        ExitStatus status = exec(container, "/bin/evil");
        assertEquals(ExitStatus.exited(125), status,
            "capsa-init, run as the script's interpreter, refuses to run without a program");
      }
      report = stop(container, bundle);
      assertEquals(ExitStatus.exited(0), runAnother(), "the runtime still works");
    }

    assertExecutablesAreTheContainersOrTheSealedRuntime(report);
    assertEquals(List.of(), report.breaches());
    for (String write : report.lateWritesToTheRuntime()) {
      assertTrue(write.endsWith(" !EPERM"), "the memfd's seals refuse writes: " + write);
    }
    assertRuntimeIntact();
    assumeTrue(heldTheRuntime(report), "the racer never held capsa-init in 60 tries (the"
        + " window is a few microseconds), so the seals were not tried: " + report.lines());
  }

  @Test
  void throughTheCliTheRuntimeIsNeitherVisibleNorWritable() throws Exception {
    Path bundle = racerBundle("cli");
    cli.ok("run", "--detach", "--bundle", bundle.toString(), "cli");
    ProcRacer.awaitWatching(bundle);
    // Taken again now that ./capsa has run: it rebuilds its jar when the sources are newer.
    runtimeFilesBefore = runtimeFiles();
    for (int i = 0; i < 3; i++) {
      assertEquals(125, cli.capsa("exec", "cli", "/bin/evil").exitCode());
      cli.ok("exec", "cli", "true");
    }
    cli.ok("exec", "cli", ProcRacer.IN_ROOTFS, "once");
    cli.ok("kill", "cli", "TERM");
    cli.awaitStatus("cli", "stopped");
    ProcRacer.Report report = ProcRacer.report(bundle);

    assertExecutablesAreTheContainersOrTheSealedRuntime(report);
    assertEquals(List.of(), report.breaches());
    for (String write : report.lateWritesToTheRuntime()) {
      assertTrue(write.endsWith(" !EPERM"), "the memfd's seals refuse writes: " + write);
    }
    assertEquals(runtimeFilesBefore, runtimeFiles(), "the runtime's files on the host");
  }

  private static boolean heldTheRuntime(ProcRacer.Report report) {
    return report.lines().stream().anyMatch(line -> line.startsWith("held ")
        && line.endsWith(SEALED_RUNTIME));
  }

  private ExitStatus runAnother() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("after")),
        List.of("true"));
    return ContainerRuns.run(runtime, "after", bundle).status();
  }

  private static void assertExecutablesAreTheContainersOrTheSealedRuntime(
      ProcRacer.Report report) {
    for (String executable : report.executables()) {
      assertTrue(executable.startsWith("/bin/") || executable.equals(SEALED_RUNTIME)
          || executable.startsWith("!"), "a process in the container runs " + executable);
    }
  }

  /** The host's files and this JVM's memfd, as they were before the attack. */
  private void assertRuntimeIntact() throws Exception {
    assertEquals(runtimeFilesBefore, runtimeFiles(), "the runtime's files on the host");
    byte[] shipped;
    try (InputStream in = InitBinary.open(Arch.current())) {
      shipped = in.readAllBytes();
    }
    Path memfd = sealedCapsaInit();
    assertArrayEquals(shipped, Files.readAllBytes(memfd),
        "the capsa-init this JVM launches from " + memfd);
  }

  /** The memfd of this JVM's InitLauncher, found among its fds. */
  private static Path sealedCapsaInit() throws Exception {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals("/memfd:capsa-init (deleted)")) {
            return fd;
          }
        } catch (NoSuchFileException e) {
          // an fd closed while listed
        }
      }
    }
    throw new AssertionError("this JVM has no capsa-init memfd, though it ran containers");
  }

  /**
   * SHA-256 of the runtime's files on the host: this JVM's java, the jar ./capsa runs and the
   * capsa-init this JVM's class path holds.
   */
  private static Map<Path, String> runtimeFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(Path.of(ProcessHandle.current().info().command().orElseThrow()));
    files.add(CapsaProcess.launcher().resolveSibling("cli/target/capsa.jar"));
    Path classPath = Path.of(InitBinary.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    files.add(Files.isDirectory(classPath)
        ? classPath.resolve(InitBinary.resourceName(Arch.current())) : classPath);
    Map<Path, String> sums = new LinkedHashMap<>();
    for (Path file : files) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sums.put(file, HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(file))));
    }
    return sums;
  }
}
