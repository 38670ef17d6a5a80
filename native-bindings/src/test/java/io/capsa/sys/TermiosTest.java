package io.capsa.sys;

import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_TERMIOS_KERNEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Termios} and {@link WindowSize} as values; TermiosLayoutTest checks real ptys. */
class TermiosTest {

  @Test
  void aStructOfAnotherSizeIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Termios.of(Arch.PPC64LE, new byte[36]));
    assertEquals("a struct termios on ppc64le has 44 bytes, not 36", refused.getMessage());
  }

  /** ppc64le's speeds, c_line and the other control characters pass through raw mode as read. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void rawModeChangesOnlyFlagsAndVminVtime(Arch arch) {
    byte[] struct = new byte[(int) arch.constant(SIZEOF_STRUCT_TERMIOS_KERNEL)];
    Arrays.fill(struct, (byte) 0x5a);
    byte[] raw = Termios.of(arch, struct).raw().toBytes();

    long vmin = arch.constant(ArchConstant.OFFSETOF_TERMIOS_C_CC)
        + arch.constant(ArchConstant.VMIN);
    long vtime = arch.constant(ArchConstant.OFFSETOF_TERMIOS_C_CC)
        + arch.constant(ArchConstant.VTIME);
    for (int i = 16; i < struct.length; i++) {
      if (i != vmin && i != vtime) {
        assertEquals(struct[i], raw[i], "byte " + i);
      }
    }
    assertEquals(1, raw[(int) vmin]);
    assertEquals(0, raw[(int) vtime]);
  }

  @Test
  void withOutputFlagsKeepsTheRest() {
    byte[] struct = new byte[36];
    Arrays.fill(struct, (byte) 7);
    Termios mode = Termios.of(Arch.X86_64, struct).withOutputFlags(0x12345678);

    assertEquals(0x12345678, mode.outputFlags());
    byte[] expected = struct.clone();
    expected[4] = 0x78;
    expected[5] = 0x56;
    expected[6] = 0x34;
    expected[7] = 0x12;
    assertArrayEquals(expected, mode.toBytes());
  }

  @Test
  void aWindowSizeIsUnsignedShorts() {
    assertThrows(IllegalArgumentException.class, () -> WindowSize.of(-1, 80));
    assertThrows(IllegalArgumentException.class, () -> WindowSize.of(24, 65536));
    assertEquals(true, WindowSize.of(0, 80).isEmpty());
    assertEquals(false, WindowSize.of(24, 80).isEmpty());
  }
}
