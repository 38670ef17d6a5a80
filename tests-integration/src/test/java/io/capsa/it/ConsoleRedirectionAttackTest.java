package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Spec;
import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExitStatus;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SocketPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /dev/console redirection, CVE-2025-52565: runc bound /dev/pts/N onto /dev/console by path,
 * and a container that swapped that path for a symlink got a procfs file (or any file) bound as
 * its console, writable. Capsa takes the pty's peer from its master (TIOCGPTPEER) and binds
 * from that fd onto a /dev/console opened without following symlinks. Here the rootfs, used
 * without a tmpfs on /dev, prepares /dev/console, /dev/ptmx and /dev/pts hostilely for a
 * terminal: the create is refused, or /dev/console inside is the process's own terminal (root).
 */
class ConsoleRedirectionAttackTest {
  private static final Path CORE_PATTERN = Path.of("/proc/sys/kernel/core_pattern");
  /** What the process shows: /dev/console's and its terminal's device numbers, in hex. */
  private static final String SHOW_DEVICES = "stat -L -c %t:%T /dev/console $(tty); exit 3\n";

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private Path rootfs;
  private Path bundle;

  @BeforeEach
  void setUp() throws Exception {
    runtime = RealContainers.runtime(dir);
    bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")), List.of("sh"),
        spec -> TestBundle.withProcess(withoutDevTmpfs(spec), process -> process.terminal(true)));
    rootfs = bundle.resolve("rootfs");
  }

  private static Spec withoutDevTmpfs(Spec spec) {
    return spec.toBuilder().mounts(spec.mounts().stream()
        .filter(mount -> !mount.destination().equals("/dev")).toList()).build();
  }

  private static SocketPair streamPair() {
    Arch arch = Arch.current();
    return HostSyscalls.get().socketpair((int) arch.constant(ArchConstant.AF_UNIX),
        (int) arch.constant(ArchConstant.SOCK_STREAM), 0);
  }

  /** Runs the terminal's shell, which shows the devices; their lines, major:minor in hex. */
  private List<String> devicesShown() throws Exception {
    try (SocketPair pair = streamPair();
        Container container = runtime.create("console", bundle, CreateOptions.builder()
            .consoleSocket(ConsoleSocket.of(pair.second())).build());
        Fd master = PtyMaster.receive(pair.first())) {
      container.start();
      String shown = PtyMaster.converse(master, SHOW_DEVICES);
      assertEquals(ExitStatus.exited(3), container.exit().get(60, TimeUnit.SECONDS), shown);
      return shown.lines().map(String::strip)
          .filter(line -> line.matches("[0-9a-f]+:[0-9a-f]+")).toList();
    }
  }

  private static void assertTheConsoleIsTheTerminal(List<String> devices) {
    assertEquals(2, devices.size(), devices.toString());
    assertEquals(devices.get(0), devices.get(1), "/dev/console is the process's terminal");
    assertTrue(devices.get(0).startsWith("88:"), "a pts device (major 136): " + devices);
  }

  private static void mknod(Path node, int major, int minor) throws Exception {
    Process mknod = new ProcessBuilder("mknod", node.toString(), "c", Integer.toString(major),
        Integer.toString(minor)).redirectErrorStream(true).start();
    assertTrue(mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0,
        new String(mknod.getInputStream().readAllBytes()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proc/sys/kernel/core_pattern", "../proc/sys/kernel/core_pattern",
      "pts/0", "/dev/null"})
  void aDevConsoleThatIsASymlinkIsRefused(String target) throws Exception {
    Files.createSymbolicLink(rootfs.resolve("dev/console"), Path.of(target));
    String corePattern = Files.readString(CORE_PATTERN);

    ContainerException refused;
    try (SocketPair pair = streamPair()) {
      refused = assertThrows(ContainerException.class, () -> runtime.create("console", bundle,
          CreateOptions.builder().consoleSocket(ConsoleSocket.of(pair.second())).build()));
    }

    assertTrue(refused.getMessage().contains("open /dev/console, refusing symlinks")
        && refused.getMessage().contains("ELOOP"), refused.getMessage());
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
  }

  /** An image may ship /dev/console as a file or as the host's real console device, 5:1. */
  @Test
  void aDevConsoleTheRootfsBringsIsCoveredByTheTerminal() throws Exception {
    Files.writeString(rootfs.resolve("dev/console"), "");
    assertTheConsoleIsTheTerminal(devicesShown());

    Files.delete(rootfs.resolve("dev/console"));
    mknod(rootfs.resolve("dev/console"), 5, 1);
    assertTheConsoleIsTheTerminal(devicesShown());
  }

  /**
   * /dev/ptmx pointing at a procfs file is replaced by the link to the container's devpts. (The
   * rootfs brings /dev/console: the runtime makes it only once the root is read-only.)
   */
  @Test
  void aHostilePtmxIsReplacedAndThePtyIsTheContainersOwn() throws Exception {
    Files.writeString(rootfs.resolve("dev/console"), "");
    Files.createSymbolicLink(rootfs.resolve("dev/ptmx"), CORE_PATTERN);
    String corePattern = Files.readString(CORE_PATTERN);

    assertTheConsoleIsTheTerminal(devicesShown());
    assertEquals("pts/ptmx", Files.readSymbolicLink(rootfs.resolve("dev/ptmx")).toString());
    assertEquals(corePattern, Files.readString(CORE_PATTERN));
  }

  /**
   * A running container replaces its /dev/ptmx (its /dev is a writable tmpfs) with a link to a
   * file of its own before a terminal is exec'd into it: no pty comes of that file, the exec is
   * refused.
   */
  @Test
  void anExecdTerminalFromAPtmxTheContainerReplacedIsRefused() throws Exception {
    Path running = TestBundle.create(Files.createDirectory(dir.resolve("running")),
        List.of("sh", "-c", "echo fake > /dev/shm/ptmx; ln -sf /dev/shm/ptmx /dev/ptmx;"
            + " sleep 1000"));
    try (Container container = runtime.create("running", running);
        ConsoleSocketListener listener = ConsoleSocketListener.at(dir.resolve("exec.sock"))) {
      container.start();
      Path ptmx = Path.of("/proc/" + container.state().pid() + "/root/dev/ptmx");
      for (int i = 0; i < 400 && !Files.readSymbolicLink(ptmx).toString()
          .equals("/dev/shm/ptmx"); i++) {
        Thread.sleep(25);
      }

      ContainerException refused = assertThrows(ContainerException.class,
          () -> container.exec(container.process().toBuilder().args(List.of("sh"))
              .terminal(true).build(), ExecOptions.builder()
              .consoleSocket(ConsoleSocket.at(listener.path())).build()));

      assertTrue(refused.getMessage().contains("unlock the pty (unlockpt)")
          && refused.getMessage().contains("ENOTTY"), refused.getMessage());
    }
  }

  @Test
  void aDevPtsThatIsASymlinkOutOfTheRootfsIsRefused() throws Exception {
    Path victim = Files.createDirectory(dir.resolve("victim"));
    Files.createSymbolicLink(rootfs.resolve("dev/pts"), victim);

    ContainerException refused;
    try (SocketPair pair = streamPair()) {
      refused = assertThrows(ContainerException.class, () -> runtime.create("console", bundle,
          CreateOptions.builder().consoleSocket(ConsoleSocket.of(pair.second())).build()));
    }

    assertTrue(refused.getMessage().contains("mount devpts on /dev/pts: open /dev/pts")
        && refused.getMessage().contains("ENOENT"), refused.getMessage());
    try (Stream<Path> entries = Files.list(victim)) {
      assertEquals(List.of(), entries.toList(), "nothing mounted or made in " + victim);
    }
  }
}
