package io.capsa.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code sd-notify MESSAGE}, a static program that sends MESSAGE to $NOTIFY_SOCKET as
 * sd_notify(3) does (source: the test resource sd-notify.c), built with the host's gcc and put
 * in a container's /bin: busybox has no sd_notify sender.
 */
final class SdNotifySender {
  private static final Path GCC = Path.of("/usr/bin/gcc");

  private SdNotifySender() {}

  /** Skips the calling test unless gcc and a static C library are installed. */
  static void assumeBuildable() {
    assumeTrue(Files.isExecutable(GCC) && Files.exists(staticLibc()),
        "needs gcc and a static C library to build sd-notify: apt-get install gcc libc6-dev");
  }

  /** Debian's static glibc, in the multiarch directory of the JVM's architecture. */
  private static Path staticLibc() {
    String multiarch = Arch.current() == Arch.X86_64 ? "x86_64-linux-gnu"
        : "powerpc64le-linux-gnu";
    return Path.of("/usr/lib", multiarch, "libc.a");
  }

  /** Builds sd-notify into {@code rootfs}/bin and returns {@code rootfs}. */
  static Path installIn(Path rootfs) throws IOException, InterruptedException {
    assumeBuildable();
    Path source = Files.createTempFile("sd-notify", ".c");
    try (InputStream resource = SdNotifySender.class.getResourceAsStream("sd-notify.c")) {
      Files.write(source, resource.readAllBytes());
      Process gcc = new ProcessBuilder(GCC.toString(), "-static", "-O2", "-o",
          rootfs.resolve("bin/sd-notify").toString(), source.toString())
          .redirectErrorStream(true).start();
      String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
        throw new IOException("gcc could not build sd-notify: " + output);
      }
      return rootfs;
    } finally {
      Files.deleteIfExists(source);
    }
  }
}
