package io.capsa.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.sys.Arch;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The binaries the build put on the class path are what the host can exec in any mount ns. */
class InitBinaryTest {
  private static final int ET_EXEC = 2;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_INTERP = 3;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void isAStaticLittleEndian64BitElfExecutableForItsMachine(Arch arch) throws Exception {
    assumeTrue(InitBinary.isAvailable(arch), "capsa-init-" + arch.gnuName()
        + " was not built: install gcc-powerpc64le-linux-gnu and rebuild");
    byte[] elf;
    try (InputStream in = InitBinary.open(arch)) {
      elf = in.readAllBytes();
    }
    ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);

    assertEquals(0x464c457f, header.getInt(0), "ELF magic");
    assertEquals(2, elf[4], "ELFCLASS64");
    assertEquals(1, elf[5], "ELFDATA2LSB");
    assertEquals(ET_EXEC, header.getShort(16), "a fixed-address executable, not PIE");
    assertEquals(arch == Arch.X86_64 ? 62 : 21, header.getShort(18), "e_machine");
    long programHeaders = header.getLong(32);
    int entrySize = header.getShort(54);
    int entries = header.getShort(56);
    for (int i = 0; i < entries; i++) {
      int type = header.getInt((int) programHeaders + i * entrySize);
      assertTrue(type != PT_INTERP && type != PT_DYNAMIC, "static: no interpreter, no dynamic");
    }
  }

  @Test
  void aMissingBinaryNamesTheCompilerToInstall() {
    InitBinary.MissingInitBinaryException e =
        new InitBinary.MissingInitBinaryException(Arch.PPC64LE);

    assertEquals("capsa-init for ppc64le is not in this build (no resource"
        + " io/capsa/init/capsa-init-ppc64le): build native-bindings where gcc for ppc64le is"
        + " installed (Debian: gcc-powerpc64le-linux-gnu, or gcc on ppc64le)", e.getMessage());
    assertFalse(InitBinary.resourceName(Arch.X86_64).startsWith("/"));
  }
}
