package io.capsa.sys.testing;

import io.capsa.sys.Arch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The kernel's UAPI headers of one architecture, as installed by Debian's linux-libc-dev. */
public final class UapiHeaders {
  private final DebianLayout layout;

  private UapiHeaders(DebianLayout layout) {
    this.layout = layout;
  }

  public static UapiHeaders forArch(Arch arch) {
    return new UapiHeaders(DebianLayout.of(arch));
  }

  /** Skips the calling test, naming the Debian package to install, unless the headers are here. */
  public void assumeInstalled() {
    new Prerequisites("reading the " + layout.arch().gnuName() + " kernel headers")
        .file(syscallHeader(), layout.kernelHeadersPackage())
        .file(layout.asmIncludeDir().resolve("errno.h"), layout.kernelHeadersPackage())
        .file(layout.asmGenericIncludeDir().resolve("errno.h"), layout.kernelHeadersPackage())
        .assumePresent();
  }

  /** The {@code __NR_<name>} system call numbers. */
  public HeaderDefines syscallNumbers() throws IOException {
    return HeaderDefines.parse(List.of(syscallHeader()));
  }

  /**
   * The E* error numbers: asm-generic's, then the architecture's asm/errno.h, whose definitions
   * replace generic ones (powerpc moves EDEADLOCK to 58 this way).
   */
  public HeaderDefines errnoNumbers() throws IOException {
    return HeaderDefines.parse(
        List.of(
            layout.asmGenericIncludeDir().resolve("errno-base.h"),
            layout.asmGenericIncludeDir().resolve("errno.h"),
            layout.asmIncludeDir().resolve("errno.h")));
  }

  /** One header of the architecture's asm directory, such as {@code unistd_x32.h}. */
  public Path asmHeader(String name) {
    return layout.asmIncludeDir().resolve(name);
  }

  private Path syscallHeader() {
    return layout.asmIncludeDir().resolve("unistd_64.h");
  }
}
