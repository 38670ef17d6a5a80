package io.capsa.sys.testing;

import io.capsa.sys.Arch;
import java.nio.file.Path;

/**
 * Where Debian installs an architecture's headers, C library and compiler, and which package
 * provides each. The host's own architecture lives under {@code /usr/include}, {@code /usr/lib}
 * and plain {@code gcc}; any other architecture is a cross target under {@code /usr/<triplet>},
 * compiled with {@code <triplet>-gcc} and run under qemu user-mode emulation.
 */
final class DebianLayout {
  private final Arch arch;
  private final String triplet;
  private final String debianArch;

  private DebianLayout(Arch arch, String triplet, String debianArch) {
    this.arch = arch;
    this.triplet = triplet;
    this.debianArch = debianArch;
  }

  static DebianLayout of(Arch arch) {
    return switch (arch) {
      case X86_64 -> new DebianLayout(arch, "x86_64-linux-gnu", "amd64");
      case PPC64LE -> new DebianLayout(arch, "powerpc64le-linux-gnu", "ppc64el");
    };
  }

  Arch arch() {
    return arch;
  }

  boolean isHost() {
    return arch == Arch.current();
  }

  Path asmIncludeDir() {
    return isHost() ? Path.of("/usr/include", triplet, "asm") : crossRoot().resolve("include/asm");
  }

  Path asmGenericIncludeDir() {
    return isHost()
        ? Path.of("/usr/include/asm-generic")
        : crossRoot().resolve("include/asm-generic");
  }

  String kernelHeadersPackage() {
    return isHost() ? "linux-libc-dev" : "linux-libc-dev-" + debianArch + "-cross";
  }

  String compiler() {
    return isHost() ? "gcc" : triplet + "-gcc";
  }

  String compilerPackage() {
    // Debian spells the triplet's underscore as a dash in package names (gcc-x86-64-linux-gnu).
    return isHost() ? "gcc" : "gcc-" + triplet.replace('_', '-');
  }

  /** The static C library the test programs link against, so that qemu needs no sysroot. */
  Path staticLibc() {
    return isHost() ? Path.of("/usr/lib", triplet, "libc.a") : crossRoot().resolve("lib/libc.a");
  }

  String libcPackage() {
    return isHost() ? "libc6-dev" : "libc6-dev-" + debianArch + "-cross";
  }

  /** The qemu user-mode emulator that runs this architecture's binaries on another host. */
  String emulator() {
    return "qemu-" + arch.gnuName() + "-static";
  }

  String emulatorPackage() {
    return "qemu-user-static";
  }

  private Path crossRoot() {
    return Path.of("/usr", triplet);
  }
}
