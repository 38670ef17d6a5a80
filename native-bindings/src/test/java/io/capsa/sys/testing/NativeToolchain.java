package io.capsa.sys.testing;

import io.capsa.sys.Arch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a C program for an architecture and runs it: natively on the host's architecture,
 * under qemu user-mode emulation on any other. Programs are linked statically so that the
 * emulator needs no sysroot of the target's shared libraries.
 */
public final class NativeToolchain {
  private final DebianLayout layout;

  private NativeToolchain(DebianLayout layout) {
    this.layout = layout;
  }

  public static NativeToolchain forArch(Arch arch) {
    return new NativeToolchain(DebianLayout.of(arch));
  }

  /** Skips the calling test, naming the Debian packages to install, unless every tool is here. */
  public void assumeInstalled() {
    Prerequisites prerequisites =
        new Prerequisites("compiling and running " + layout.arch().gnuName() + " programs")
            .command(layout.compiler(), layout.compilerPackage())
            .file(layout.staticLibc(), layout.libcPackage());
    if (!layout.isHost()) {
      prerequisites.command(layout.emulator(), layout.emulatorPackage());
    }
    prerequisites.assumePresent();
  }

  /** Compiles and statically links the C file {@code source} into {@code output}. */
  public Path compile(Path source, Path output) throws IOException, InterruptedException {
    CommandRunner.run(
        List.of(layout.compiler(), "-static", "-o", output.toString(), source.toString()));
    return output;
  }

  /** Runs {@code binary} with {@code args} and returns its stdout. */
  public String run(Path binary, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (!layout.isHost()) {
      command.add(layout.emulator());
    }
    command.add(binary.toString());
    command.addAll(args);
    return CommandRunner.run(command);
  }
}
