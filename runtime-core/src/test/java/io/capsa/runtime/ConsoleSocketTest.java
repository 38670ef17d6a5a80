package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A named console socket is held to the one rule of unix socket addresses (UnixAddress). */
class ConsoleSocketTest {
  @Test
  void aPathOfAtMost107BytesIsAnAddress() {
    String longest = "/" + "s".repeat(106);

    ConsoleSocket.Named named = new ConsoleSocket.Named(Path.of(longest));

    assertEquals(108, named.address().sunPath().length, "the path and its NUL fill sun_path");
  }

  @Test
  void aLongerPathIsRefusedNamingTheConsoleSocket() {
    Path tooLong = Path.of("/" + "s".repeat(107));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConsoleSocket.at(tooLong));

    assertTrue(e.getMessage().startsWith("the console socket path " + tooLong
        + " cannot be a unix socket address: longer than 107 bytes"), e.getMessage());
  }

  @Test
  void aRelativePathIsMadeAbsolute() {
    assertEquals(Path.of("console.sock").toAbsolutePath().toString(),
        new ConsoleSocket.Named(Path.of("console.sock")).address().name());
  }
}
