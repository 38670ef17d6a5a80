package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchTest {

  @Test
  void mapsTheOsArchNamesOfSupportedArchitectures() {
    assertAll(
        () -> assertEquals(Arch.X86_64, Arch.fromOsArch("amd64")),
        () -> assertEquals(Arch.X86_64, Arch.fromOsArch("x86_64")),
        () -> assertEquals(Arch.PPC64LE, Arch.fromOsArch("ppc64le")));
  }

  /** ppc64 is big-endian powerpc and i386 32-bit x86: close names, but not what the tables hold. */
  @ParameterizedTest
  @ValueSource(strings = {"aarch64", "riscv64", "ppc64", "i386"})
  void rejectsOtherArchitecturesNamingTheSupportedOnes(String osArch) {
    Arch.UnsupportedArchitectureException error =
        assertThrows(Arch.UnsupportedArchitectureException.class, () -> Arch.fromOsArch(osArch));

    assertEquals(
        "unsupported architecture " + osArch + ": Capsa runs on x86_64 (amd64) and ppc64le",
        error.getMessage());
  }
}
