package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.ConsoleSize;
import io.capsa.oci.Problem;
import io.capsa.oci.Root;
import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.ExitStatus;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SocketPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminals of real busybox containers (root): the master arrives over the console socket
 * (runc's --console-socket), works, has the configured size, and is the init's /dev/console.
 */
class ConsoleTest {
  @TempDir Path dir;
  private ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = RealContainers.runtime(dir);
  }

  private Path bundle(String id, List<String> args, ConsoleSize size) throws Exception {
    return TestBundle.create(Files.createDirectory(dir.resolve(id)), args,
        spec -> TestBundle.withProcess(spec, process -> process.terminal(true).consoleSize(size)));
  }

  private static SocketPair streamPair() {
    Arch arch = Arch.current();
    return HostSyscalls.get().socketpair((int) arch.constant(ArchConstant.AF_UNIX),
        (int) arch.constant(ArchConstant.SOCK_STREAM), 0);
  }

  /** The lines of terminal output that look like {@code stat -c %t:%T}: major:minor in hex. */
  private static List<String> devices(String shown) {
    return shown.lines().map(String::strip).filter(line -> line.matches("[0-9a-f]+:[0-9a-f]+"))
        .toList();
  }

  @Test
  void theInitsTerminalWorksHasItsSizeAndIsDevConsole() throws Exception {
    Path bundle = bundle("init", List.of("sh"), new ConsoleSize(30, 100, null));
    try (SocketPair pair = streamPair();
        Container container = runtime.create("init", bundle, CreateOptions.builder()
            .consoleSocket(ConsoleSocket.of(pair.second())).build());
        Fd master = PtyMaster.receive(pair.first())) {
      container.start();
      String shown = PtyMaster.converse(master,
          "stty size; stat -L -c %t:%T /dev/console $(tty); exit 3\n");

      assertEquals(ExitStatus.exited(3), container.exit().get(60, TimeUnit.SECONDS), shown);
      assertTrue(shown.contains("30 100"), shown);
      List<String> devices = devices(shown);
      assertEquals(2, devices.size(), shown);
      assertEquals(devices.get(0), devices.get(1), "/dev/console is the terminal: " + shown);
      assertTrue(devices.get(0).startsWith("88:"), "a pts device (major 136): " + shown);
    }
  }

  @Test
  void devConsoleIsMadeBeforeTheRootBecomesReadOnlyWhenDevIsNotATmpfs() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("rodev")),
        List.of("sh", "-c", "stat -L -c %t:%T /dev/console $(tty); touch /dev/x 2>&1; exit 6"),
        spec -> TestBundle.withProcess(spec.toBuilder()
                .root(new Root("rootfs", true))
                .mounts(spec.mounts().stream()
                    .filter(mount -> !mount.destination().equals("/dev")).toList())
                .build(),
            process -> process.terminal(true)));
    assertTrue(Files.notExists(bundle.resolve("rootfs/dev/console")), "no /dev/console shipped");
    try (SocketPair pair = streamPair();
        Container container = runtime.create("rodev", bundle, CreateOptions.builder()
            .consoleSocket(ConsoleSocket.of(pair.second())).build());
        Fd master = PtyMaster.receive(pair.first())) {
      container.start();
      String shown = PtyMaster.converse(master, "");

      assertEquals(ExitStatus.exited(6), container.exit().get(60, TimeUnit.SECONDS), shown);
      List<String> devices = devices(shown);
      assertEquals(2, devices.size(), shown);
      assertEquals(devices.get(0), devices.get(1), "/dev/console is the terminal: " + shown);
      assertTrue(shown.contains("Read-only file system"), "/dev is the read-only root: " + shown);
    }
  }

  @Test
  void aNamedConsoleSocketReceivesTheMaster() throws Exception {
    Path bundle = bundle("named", List.of("sh", "-c", "stty size; exit 4"),
        new ConsoleSize(24, 80, null));
    try (ConsoleSocketListener listener = ConsoleSocketListener.at(dir.resolve("console.sock"));
        Container container = runtime.create("named", bundle, CreateOptions.builder()
            .consoleSocket(ConsoleSocket.at(listener.path())).build());
        Fd master = listener.receiveMaster()) {
      container.start();
      String shown = PtyMaster.converse(master, "");

      assertEquals(ExitStatus.exited(4), container.exit().get(60, TimeUnit.SECONDS), shown);
      assertEquals("24 80", shown.strip());
    }
  }

  @Test
  void anExecdProcessGetsATerminalOfItsOwn() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("exec")),
        List.of("sleep", "1000"));
    try (Container container = runtime.create("exec", bundle);
        ConsoleSocketListener listener = ConsoleSocketListener.at(dir.resolve("exec.sock"))) {
      container.start();
      try (ExecProcess exec = container.exec(container.process().toBuilder()
              .args(List.of("sh")).terminal(true).consoleSize(new ConsoleSize(40, 120, null))
              .build(),
          ExecOptions.builder().consoleSocket(ConsoleSocket.at(listener.path())).build());
          Fd master = listener.receiveMaster()) {
        String shown = PtyMaster.converse(master, "stty size; tty; exit 5\n");

        assertEquals(ExitStatus.exited(5), exec.exit().get(60, TimeUnit.SECONDS), shown);
        assertTrue(shown.contains("40 120"), shown);
        assertTrue(shown.contains("/dev/pts/"), shown);
      }
    }
  }

  @Test
  void aTerminalWithoutAConsoleSocketIsAProblemOfTheConfig() throws Exception {
    Path bundle = bundle("nosocket", List.of("sh"), null);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> runtime.create("nosocket", bundle));
    assertEquals(List.of("$.process.terminal"),
        e.problems().stream().map(Problem::jsonPath).toList());
  }
}
