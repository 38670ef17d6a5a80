package io.capsa.init;

import io.capsa.sys.Arch;
import java.io.InputStream;

/**
 * The capsa-init executables the build compiles into this jar, one per architecture
 * ({@code io/capsa/init/capsa-init-x86_64}, {@code capsa-init-ppc64le}); static ELF files
 * meant to be copied into a sealed memfd and executed from there.
 */
public final class InitBinary {
  private InitBinary() {}

  /** The class path resource of {@code arch}'s binary. */
  public static String resourceName(Arch arch) {
    return "io/capsa/init/capsa-init-" + arch.gnuName();
  }

  public static boolean isAvailable(Arch arch) {
    return InitBinary.class.getClassLoader().getResource(resourceName(arch)) != null;
  }

  /**
   * Opens {@code arch}'s binary; fails naming the compiler package when the build had no
   * compiler for it.
   */
  public static InputStream open(Arch arch) {
    InputStream binary = InitBinary.class.getClassLoader().getResourceAsStream(resourceName(arch));
    if (binary == null) {
      throw new MissingInitBinaryException(arch);
    }
    return binary;
  }

  /** Thrown when this build of Capsa holds no capsa-init for an architecture. */
  public static final class MissingInitBinaryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingInitBinaryException(Arch arch) {
      super("capsa-init for " + arch.gnuName() + " is not in this build (no resource "
          + resourceName(arch) + "): build native-bindings where gcc for " + arch.gnuName()
          + " is installed (Debian: " + compilerPackage(arch) + ")");
    }

    private static String compilerPackage(Arch arch) {
      return switch (arch) {
        case X86_64 -> "gcc-x86-64-linux-gnu, or gcc on x86_64";
        case PPC64LE -> "gcc-powerpc64le-linux-gnu, or gcc on ppc64le";
      };
    }
  }
}
