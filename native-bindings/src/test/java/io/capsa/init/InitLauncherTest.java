package io.capsa.init;

import io.capsa.sys.testing.FdListing;
import static io.capsa.sys.ArchConstant.SIGKILL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import io.capsa.sys.ChildStatus;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capsa-init started for real by InitLauncher: posix_spawn from a sealed memfd, via FFM. */
class InitLauncherTest {
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

  private final HostSyscalls host = HostSyscalls.get();

  @TempDir Path tmp;

  @BeforeEach
  void needsTheHostBinary() {
    assumeTrue(InitBinary.isAvailable(Arch.current()), "capsa-init was not built for this host");
  }

  private static InitProcess launch(InitProgram program, Map<Integer, Fd> childFds) {
    return InitLauncher.get().launch(program, childFds);
  }

  private static InitProgram sh(String script) {
    InitProgramBuilder b = InitProgram.builder();
    b.execve("/bin/sh", List.of("sh", "-c", script), ENV);
    return b.build();
  }

  private String readAll(Fd fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = host.read(fd, buffer, 0, buffer.length)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toString(UTF_8);
  }

  @Test
  void execOfBinTrueSucceedsAndExitsZero() {
    InitProgramBuilder b = InitProgram.builder();
    b.execve("/bin/true", List.of("true"), List.of());
    try (InitProcess init = launch(b.build(), Map.of())) {
      init.awaitExec();
      ChildStatus status = init.waitFor();
      assertTrue(status.exited(), status.toString());
      assertEquals(0, status.shellStatus());
    }
  }

  @Test
  void exitStatusOfTheExecdProgramPassesThrough() {
    try (InitProcess init = launch(sh("exit 42"), Map.of())) {
      init.awaitExec();
      assertEquals(42, init.waitFor().shellStatus());
    }
  }

  @Test
  void aSignalThroughThePidfdGivesTheShellStatus() {
    try (InitProcess init = launch(sh("exec sleep 60"), Map.of())) {
      init.awaitExec();
      int sigkill = (int) Arch.current().constant(SIGKILL);
      init.signal(sigkill);
      ChildStatus status = init.waitFor();
      assertTrue(status.killed(), status.toString());
      assertEquals(128 + sigkill, status.shellStatus());
    }
  }

  @Test
  void aFailingOpIsNamedWithItsErrno() {
    InitProgramBuilder b = InitProgram.builder();
    String missing = tmp.resolve("no-such-parent/child").toString();
    Step mkdir = b.mkdirat(b.atFdcwd(), missing, 0755);
    b.execve("/bin/true", List.of("true"), List.of());
    InitProgram program = b.build();

    try (InitProcess init = launch(program, Map.of())) {
      InitOpFailedException e = assertThrows(InitOpFailedException.class, init::awaitExec);
      assertEquals(
          "create directory "
              + missing
              + " (op 0, mkdirat): ENOENT (No such file or"
              + " directory)",
          e.getMessage());
      assertEquals(mkdir.index(), e.opIndex());
      assertEquals("create directory " + missing, e.description());
      assertEquals("mkdirat", e.syscall());
      assertEquals(Errno.ENOENT, e.errno().orElseThrow());
      assertEquals(0, e.detail());
      assertEquals(InitFailure.EXIT_STATUS, init.waitFor().shellStatus());
    }
  }

  @Test
  void aProgramForAnotherArchitectureIsRefused() {
    Arch other = Arch.current() == Arch.X86_64 ? Arch.PPC64LE : Arch.X86_64;
    InitProgramBuilder b = InitProgram.builder(other);
    b.execve("/bin/true", List.of("true"), List.of());

    try (InitProcess init = launch(b.build(), Map.of())) {
      InitProgramRefusedException e =
          assertThrows(InitProgramRefusedException.class, init::awaitExec);
      assertEquals(InitFailure.Refusal.WRONG_ARCH, e.reason().orElseThrow());
      assertEquals(
          "capsa-init refused the program: program built for another architecture:"
              + " ENOEXEC (Exec format error)",
          e.getMessage());
      assertEquals(InitFailure.EXIT_STATUS, init.waitFor().shellStatus());
    }
  }

  @Test
  void theExecdProgramSeesOnlyStdioAndTheMappedFds() {
    try (Pipe stdout = host.pipe2(0);
        Pipe extra = host.pipe2(0);
        Pipe unmapped = host.pipe2(0)) {
      // Not close-on-exec, so only the spawn's closing keeps it out of the child.
      host.setFdFlags(unmapped.readEnd(), 0);
      InitProgram program = sh("exec ls -l /proc/self/fd");
      try (InitProcess init = launch(program, Map.of(1, stdout.writeEnd(), 5, extra.readEnd()))) {
        stdout.writeEnd().close();
        init.awaitExec();
        String listing = readAll(stdout.readEnd());
        assertEquals(0, init.waitFor().shellStatus(), listing);
        List<String> fds = FdListing.numbers(listing);
        assertEquals(List.of("0", "1", "2", "5"), fds, listing);
      }
    }
  }

  @Test
  void aMappedFdArrivesUnderItsChildNumber() {
    try (Pipe pipe = host.pipe2(0);
        InitProcess init = launch(sh("echo through seven >&7"), Map.of(7, pipe.writeEnd()))) {
      pipe.writeEnd().close();
      init.awaitExec();
      assertEquals("through seven\n", readAll(pipe.readEnd()));
      assertEquals(0, init.waitFor().shellStatus());
    }
  }

  @Test
  void capsaInitRunsFromASealedMemfdNotAFile() {
    // A fork-exec-wait op keeps capsa-init alive while its child looks at what it runs.
    InitProgramBuilder b = InitProgram.builder();
    b.forkExecWait(
        "/bin/sh", List.of("sh", "-c", "readlink /proc/$PPID/exe"), ENV, new byte[0], 10);
    b.exit(0);
    try (Pipe stdout = host.pipe2(0);
        InitProcess init = launch(b.build(), Map.of(1, stdout.writeEnd()))) {
      stdout.writeEnd().close();
      init.awaitExec();
      assertEquals("/memfd:capsa-init (deleted)\n", readAll(stdout.readEnd()));
      assertEquals(0, init.waitFor().shellStatus());
    }
  }

  /** runc's --preserve-fds: the container's fds 3 and 4 are the caller's, not capsa-init's. */
  @Test
  void fds3And4CanBeHandedToTheContainer() {
    try (Pipe three = host.pipe2(0);
        Pipe four = host.pipe2(0);
        InitProcess init = launch(sh("echo on three >&3; echo on four >&4"),
            Map.of(3, three.writeEnd(), 4, four.writeEnd()))) {
      three.writeEnd().close();
      four.writeEnd().close();
      init.awaitExec();
      assertEquals("on three\n", readAll(three.readEnd()));
      assertEquals("on four\n", readAll(four.readEnd()));
      assertEquals(0, init.waitFor().shellStatus());
    }
  }
}
