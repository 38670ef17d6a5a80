package io.capsa.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the running kernel offers a container process: the highest capability it knows, and
 * whether AppArmor or SELinux is enabled, so that exec labels can be refused up front when the
 * security module they need is absent.
 *
 * @param lastCapability /proc/sys/kernel/cap_last_cap: capabilities above it do not exist here
 * @param appArmorEnabled AppArmor is active (securityfs has its directory and the module says Y)
 * @param selinuxEnabled selinuxfs is mounted at /sys/fs/selinux
 */
public record KernelFeatures(int lastCapability, boolean appArmorEnabled, boolean selinuxEnabled) {
  private static final Path CAP_LAST_CAP = Path.of("/proc/sys/kernel/cap_last_cap");
  private static final Path APPARMOR_FS = Path.of("/sys/kernel/security/apparmor");
  private static final Path APPARMOR_ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
  private static final Path SELINUX_FS = Path.of("/sys/fs/selinux");

  public KernelFeatures {
    if (lastCapability < 0 || lastCapability > 63) {
      throw new IllegalArgumentException(
          "a last capability of " + lastCapability + " does not fit a 64-bit capability set");
    }
  }

  /** The features of the kernel this JVM runs on. */
  public static KernelFeatures detect() {
    return new KernelFeatures(readLastCapability(), appArmorActive(),
        Files.isDirectory(SELINUX_FS));
  }

  /**
   * In one read: a sysctl file answers end-of-file to any read that does not start at offset
   * 0, so a reader that probes with one byte first (Files.readString does) gets "4" of "40".
   */
  private static int readLastCapability() {
    try (InputStream in = Files.newInputStream(CAP_LAST_CAP)) {
      byte[] buffer = new byte[16];
      int length = in.read(buffer);
      return Integer.parseInt(new String(buffer, 0, Math.max(length, 0),
          StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CAP_LAST_CAP, e);
    }
  }

  /** As runc asks: the securityfs directory exists and the module parameter starts with Y. */
  private static boolean appArmorActive() {
    if (!Files.isDirectory(APPARMOR_FS)) {
      return false;
    }
    try {
      return Files.readString(APPARMOR_ENABLED).startsWith("Y");
    } catch (IOException e) {
      // No module parameter to read: AppArmor is not loaded, whatever securityfs shows.
      return false;
    }
  }
}
