package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void unitsArePowersOf1024InEitherCaseWithAnOptionalB() {
    assertEquals(4096, ByteSize.parse("4096").bytes());
    assertEquals(512L << 10, ByteSize.parse("512k").bytes());
    assertEquals(256L << 20, ByteSize.parse("256m").bytes());
    assertEquals(256L << 20, ByteSize.parse("256MB").bytes());
    assertEquals(2L << 30, ByteSize.parse("2G").bytes());
    assertEquals(1L << 40, ByteSize.parse("1t").bytes());
    assertEquals("256MB", ByteSize.parse("256MB").text());
  }

  @Test
  void anythingElseIsRefusedWithTheFormItTakes() {
    for (String bad : new String[] {"", "m", "-1m", "1.5g", "256 m", "12p"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad));
      assertEquals("expected a number of bytes with an optional unit k, m, g or t (powers of "
          + "1024), such as 256m", e.getMessage());
    }
  }

  @Test
  void aSizeBeyondALongIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9000000t"));
    assertEquals("more than 9223372036854775807 bytes", e.getMessage());
  }
}
