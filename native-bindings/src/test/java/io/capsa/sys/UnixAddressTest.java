package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnixAddressTest {

  @Test
  void anAtSignStandsForTheAbstractNamespace() {
    UnixAddress address = UnixAddress.parse("@capsa/notify");

    assertTrue(address.isAbstract());
    assertEquals("capsa/notify", address.name());
    assertEquals("@capsa/notify", address.toString());
  }

  @Test
  void anythingElseIsAPath() {
    UnixAddress address = UnixAddress.parse("/run/systemd/notify");

    assertFalse(address.isAbstract());
    assertEquals("/run/systemd/notify", address.toString());
  }

  @Test
  void aPathEndsWithItsNulAndAnAbstractNameStartsWithOne() {
    assertArrayEquals(new byte[] {'/', 's', 0}, UnixAddress.path("/s").sunPath());
    assertArrayEquals(new byte[] {0, 'n'}, UnixAddress.abstractName("n").sunPath());
  }

  @Test
  void whatSunPathCannotHoldIsRefused() {
    String longest = "/" + "x".repeat(106);
    assertEquals(108, UnixAddress.path(longest).sunPath().length);
    assertEquals(108, UnixAddress.abstractName("x".repeat(107)).sunPath().length);

    IllegalArgumentException tooLong =
        assertThrows(IllegalArgumentException.class, () -> UnixAddress.path(longest + "x"));
    assertTrue(tooLong.getMessage().contains("longer than 107 bytes"), tooLong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UnixAddress.abstractName("x".repeat(108)));
    assertThrows(IllegalArgumentException.class, () -> UnixAddress.parse(""));
    assertThrows(IllegalArgumentException.class, () -> UnixAddress.parse("@"));
    assertThrows(IllegalArgumentException.class, () -> UnixAddress.path("/a\0b"));
  }
}
