package io.capsa.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal root filesystem built from Debian's busybox-static: the static busybox binary, a
 * symlink per applet in /bin, and the /etc files programs look up users and groups in.
 */
public final class BusyboxRootfs {

  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final int PT_INTERP = 3;

  private BusyboxRootfs() {}

  /** Skips the calling test, naming the package, when busybox-static is not installed. */
  public static void assumeAvailable() {
    assumeTrue(Files.isExecutable(BUSYBOX) && isStatic(), "needs a static /bin/busybox: apt-get install busybox-static");
  }

  /** Fills {@code rootfs} (created when missing) and returns it. */
  public static Path create(Path rootfs) throws IOException, InterruptedException {
    assumeAvailable();
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    for (String applet : applets()) {
      Path link = bin.resolve(applet);
      if (!applet.equals("busybox") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of("busybox"));
      }
    }
    for (String directory : List.of("proc", "sys", "dev", "tmp", "etc", "root", "home", "var/tmp", "usr")) {
      Files.createDirectories(rootfs.resolve(directory));
    }
    Files.setPosixFilePermissions(rootfs.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(rootfs.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", StandardCharsets.US_ASCII);
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n", StandardCharsets.US_ASCII);
    return rootfs;
  }

  private static List<String> applets() throws IOException, InterruptedException {
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
    String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (!list.waitFor(30, TimeUnit.SECONDS) || list.exitValue() != 0) {
      throw new IOException("busybox --list failed: " + output);
    }
    return output.lines().filter(line -> !line.isBlank()).toList();
  }

  /** A static ELF has no PT_INTERP program header; a dynamic busybox would need a loader inside. */
  private static boolean isStatic() {
    try {
      ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(BUSYBOX)).order(ByteOrder.LITTLE_ENDIAN);
      long programHeaders = elf.getLong(0x20);
      int entrySize = Short.toUnsignedInt(elf.getShort(0x36));
      int count = Short.toUnsignedInt(elf.getShort(0x38));
      for (int i = 0; i < count; i++) {
        if (elf.getInt((int) programHeaders + i * entrySize) == PT_INTERP) {
          return false;
        }
      }
      return true;
    } catch (IOException | IndexOutOfBoundsException e) {
      return false;
    }
  }
}
