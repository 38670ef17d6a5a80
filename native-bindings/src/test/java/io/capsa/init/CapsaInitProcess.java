package io.capsa.init;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real capsa-init of a program's architecture with the process contract's fds wired
 * by a shell: fd 3 reads the encoded program from a file, fd 4 writes the error channel to
 * another, stdout and stderr go to files. ppc64le binaries run under qemu-ppc64le-static.
 */
final class CapsaInitProcess {
  private static final Map<Arch, Path> BINARIES = new EnumMap<>(Arch.class);
  private static final long TIMEOUT_SECONDS = 30;

  private final Arch arch;
  private final Process process;
  private final Path directory;

  private CapsaInitProcess(Arch arch, Process process, Path directory) {
    this.arch = arch;
    this.process = process;
    this.directory = directory;
  }

  /** Skips the calling test when {@code arch}'s binary or its emulator is not installed. */
  static void assumeRunnable(Arch arch) {
    assumeTrue(InitBinary.isAvailable(arch), "capsa-init-" + arch.gnuName()
        + " was not built: install gcc-powerpc64le-linux-gnu and rebuild");
    if (arch != Arch.current()) {
      assumeTrue(emulator(arch).isPresent(), "running " + arch.gnuName()
          + " binaries needs qemu-" + arch.gnuName() + "-static (package qemu-user-static)");
    }
  }

  /** Runs {@code program} to its end. */
  static Result run(InitProgram program) {
    return start(program).await();
  }

  static CapsaInitProcess start(InitProgram program) {
    return start(program.arch(), program.encode(), Launch.PLAIN);
  }

  /**
   * How the shell starts capsa-init: {@code shellBefore} runs first (e.g. a trap),
   * {@code wrapper} is a command line capsa-init runs under (e.g. unshare), {@code arguments}
   * follow argv[0], {@code redirections} (shell syntax, e.g. {@code 7</dev/null}) are added.
   */
  record Launch(String shellBefore, String wrapper, List<String> arguments,
      String redirections) {
    static final Launch PLAIN = new Launch("", "", List.of(), "");

    Launch withShellBefore(String commands) {
      return new Launch(commands, wrapper, arguments, redirections);
    }

    Launch withWrapper(String command) {
      return new Launch(shellBefore, command, arguments, redirections);
    }

    Launch withArguments(List<String> args, String extraRedirections) {
      return new Launch(shellBefore, wrapper, args, extraRedirections);
    }
  }

  /** Starts capsa-init with {@code image} on fd 3. */
  static CapsaInitProcess start(Arch arch, byte[] image, Launch launch) {
    assumeRunnable(arch);
    try {
      Path directory = Files.createTempDirectory("capsa-init-test");
      Path programFile = Files.write(directory.resolve("program"), image);
      String emulator = emulator(arch).map(qemu -> qemu + " ").orElse("");
      String script = launch.shellBefore() + "exec " + launch.wrapper() + " " + emulator
          + "\"$0\" " + String.join(" ", launch.arguments()) + " 3<\"$1\" 4>\"$2\" "
          + launch.redirections();
      Process process = new ProcessBuilder("sh", "-c", script, binary(arch).toString(),
          programFile.toString(), directory.resolve("error-channel").toString())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(directory.resolve("stdout").toFile())
          .redirectError(directory.resolve("stderr").toFile())
          .start();
      return new CapsaInitProcess(arch, process, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pid signals reach capsa-init by (the shell exec'd it, or qemu running it). */
  long pid() {
    return process.pid();
  }

  /** Everything written to stdout so far. */
  String stdout() {
    return read("stdout");
  }

  /** Waits until stdout contains {@code text}, e.g. a child saying it is ready. */
  void awaitStdout(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!stdout().contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        fail("capsa-init never wrote " + text + "; stdout: " + stdout() + "; stderr: "
            + read("stderr"));
      }
      Thread.sleep(20);
    }
  }

  Result await() {
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("capsa-init did not end within " + TIMEOUT_SECONDS + "s; stdout: " + stdout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Result result = new Result(arch, process.exitValue(),
        InitFailure.fromChannel(readBytes("error-channel")), stdout(), read("stderr"));
    deleteDirectory();
    return result;
  }

  private void deleteDirectory() {
    try (var files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
      Files.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) {
    return new String(readBytes(file), StandardCharsets.UTF_8);
  }

  private byte[] readBytes(String file) {
    try {
      return Files.readAllBytes(directory.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a run ended. */
  record Result(Arch arch, int exitStatus, Optional<InitFailure> failure, String stdout,
      String stderr) {
    InitFailure failureRecord() {
      return failure.orElseThrow(() -> new AssertionError(
          "expected an error record; exit status " + exitStatus + ", stdout: " + stdout
              + ", stderr: " + stderr));
    }
  }

  private static Optional<String> emulator(Arch arch) {
    if (arch == Arch.current()) {
      return Optional.empty();
    }
    String name = "qemu-" + arch.gnuName() + "-static";
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name).toString());
      }
    }
    return Optional.empty();
  }

  /** The binary copied out of the class path once per test run, as the host launcher would. */
  private static synchronized Path binary(Arch arch) throws IOException {
    Path binary = BINARIES.get(arch);
    if (binary == null) {
      binary = Files.createTempFile("capsa-init-" + arch.gnuName(), "");
      try (InputStream in = InitBinary.open(arch)) {
        Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
      binary.toFile().deleteOnExit();
      BINARIES.put(arch, binary);
    }
    return binary;
  }
}
