package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.fail;

import io.capsa.init.InitBinary;
import io.capsa.init.InitFailure;
import io.capsa.init.InitProgram;
import io.capsa.sys.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with the real capsa-init of this machine, its fds wired by a shell as its
 * process contract says (fd 3 the program, fd 4 the error channel) plus whatever redirections
 * a test adds, stdout and stderr into files. Stands in for the host launcher, which lives on
 * another branch until it is merged.
 */
final class CapsaInitRun {
  private static final long TIMEOUT_SECONDS = 30;

  private CapsaInitRun() {}

  /** How a run ended. */
  record Result(int exitStatus, Optional<InitFailure> failure, String stdout, String stderr) {}

  static Result run(InitProgram program, Path directory, String redirections)
      throws IOException, InterruptedException {
    Path binary = directory.resolve("capsa-init");
    try (InputStream in = InitBinary.open(program.arch())) {
      Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
    Path programFile = Files.write(directory.resolve("program"), program.encode());
    Path errors = directory.resolve("error-channel");
    Path stdout = directory.resolve("stdout");
    Path stderr = directory.resolve("stderr");
    Process process = new ProcessBuilder("sh", "-c",
        "exec \"$0\" 3<\"$1\" 4>\"$2\" " + redirections, binary.toString(),
        programFile.toString(), errors.toString())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("capsa-init did not end within " + TIMEOUT_SECONDS + "s");
    }
    return new Result(process.exitValue(), InitFailure.fromChannel(Files.readAllBytes(errors)),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Whether this JVM runs as root, from /proc/self/status (Java has no geteuid). */
  static boolean isRoot() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("Uid:"))
        .map(line -> line.split("\\s+")[2])
        .anyMatch("0"::equals);
  }

  static boolean canRun() {
    return InitBinary.isAvailable(Arch.current());
  }
}
