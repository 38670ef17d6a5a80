package io.capsa.init;

import static io.capsa.sys.ArchConstant.F_SEAL_GROW;
import static io.capsa.sys.ArchConstant.F_SEAL_SEAL;
import static io.capsa.sys.ArchConstant.F_SEAL_SHRINK;
import static io.capsa.sys.ArchConstant.F_SEAL_WRITE;
import static io.capsa.sys.ArchConstant.MFD_ALLOW_SEALING;
import static io.capsa.sys.ArchConstant.SIGKILL;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import io.capsa.sys.SpawnRequest;
import io.capsa.sys.SpawnedProcess;
import io.capsa.sys.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts capsa-init with a program, following its process contract: stdio and the caller's
 * fds where the caller maps them (a container's preserved fds from 3 up), then, above all of
 * those, the encoded program (a pipe, written here and closed), the error channel, and
 * capsa-init itself, executed from a sealed memfd through /proc/self/fd/N (so that nobody, a
 * container least of all, can rewrite the runtime binary: CVE-2019-5736). argv tells capsa-init
 * the three numbers: {@code capsa-init N PROGRAM ERROR}.
 *
 * <p>The memfd is made once per JVM, for the architecture the JVM runs on; a program built for
 * another architecture is refused by capsa-init itself.
 */
public final class InitLauncher {
  private static final List<Integer> STDIO = List.of(0, 1, 2);
  private static InitLauncher shared;

  private final HostSyscalls host;
  private final Fd binary;

  private InitLauncher(HostSyscalls host, Fd binary) {
    this.host = host;
    this.binary = binary;
  }

  /** The launcher of this JVM, whose sealed copy of capsa-init is made on first use. */
  public static synchronized InitLauncher get() {
    if (shared == null) {
      HostSyscalls host = HostSyscalls.get();
      shared = new InitLauncher(host, sealedCopy(host, Arch.current()));
    }
    return shared;
  }

  /** capsa-init for {@code arch} in a memfd that can never change again. */
  private static Fd sealedCopy(HostSyscalls host, Arch arch) {
    byte[] image;
    try (InputStream in = InitBinary.open(arch)) {
      image = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + InitBinary.resourceName(arch), e);
    }
    Fd memfd = host.memfdCreate("capsa-init", value(arch, MFD_ALLOW_SEALING));
    try {
      host.writeFully(memfd, image);
      host.addSeals(
          memfd,
          value(arch, F_SEAL_SEAL)
              | value(arch, F_SEAL_SHRINK)
              | value(arch, F_SEAL_GROW)
              | value(arch, F_SEAL_WRITE));
      return memfd;
    } catch (RuntimeException e) {
      memfd.close();
      throw e;
    }
  }

  private static int value(Arch arch, ArchConstant constant) {
    return (int) arch.constant(constant);
  }

  /**
   * Starts capsa-init running {@code program}. {@code childFds} maps child fd numbers to fds
   * here: 0–2 for stdio (each one not given is inherited from this JVM) and 3 and up for fds the
   * program refers to or hands to the container. The child gets nothing else.
   */
  public InitProcess launch(InitProgram program, Map<Integer, Fd> childFds) {
    try (Pipe programPipe = host.pipe2(0)) {
      Pipe errorChannel = host.pipe2(0);
      try {
        SpawnedProcess child = spawn(childFds, programPipe.readEnd(), errorChannel.writeEnd());
        sendProgram(child, programPipe.writeEnd(), program);
        return new InitProcess(host, program, child, errorChannel.readEnd());
      } catch (RuntimeException e) {
        errorChannel.close();
        throw e;
      }
    }
  }

  /**
   * Spawns capsa-init, then closes the ends the child got: the error channel must reach EOF
   * when capsa-init execs or exits, so no copy of its write end may stay open here.
   */
  private SpawnedProcess spawn(Map<Integer, Fd> childFds, Fd programEnd, Fd errorEnd) {
    try (programEnd;
        errorEnd) {
      return host.spawn(request(childFds, programEnd, errorEnd));
    }
  }

  private SpawnRequest request(Map<Integer, Fd> childFds, Fd programEnd, Fd errorEnd) {
    Map<Integer, Fd> fds = new HashMap<>(childFds);
    for (int stdio : STDIO) {
      fds.putIfAbsent(stdio, Fd.borrowed(stdio));
    }
    int programFd = fds.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
    int errorFd = programFd + 1;
    int binaryFd = errorFd + 1;
    fds.put(programFd, programEnd);
    fds.put(errorFd, errorEnd);
    fds.put(binaryFd, binary);
    return new SpawnRequest(
        "/proc/self/fd/" + binaryFd,
        List.of("capsa-init", Integer.toString(binaryFd), Integer.toString(programFd),
            Integer.toString(errorFd)),
        List.of(),
        fds);
  }

  /**
   * Writes the program and closes the pipe, which is its end for capsa-init. EPIPE means
   * capsa-init stopped reading, having refused the program: its error record says why. Any
   * other failure leaves no capsa-init behind.
   */
  private void sendProgram(SpawnedProcess child, Fd programEnd, InitProgram program) {
    try (programEnd) {
      host.writeFully(programEnd, program.encode());
    } catch (SyscallException e) {
      if (!e.is(Errno.EPIPE)) {
        killAndReap(child, e);
        throw e;
      }
    }
  }

  private void killAndReap(SpawnedProcess child, RuntimeException failure) {
    try (child) {
      host.pidfdSendSignal(child.pidfd(), (int) Arch.current().constant(SIGKILL));
      host.awaitExit(child.pidfd());
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }
}
