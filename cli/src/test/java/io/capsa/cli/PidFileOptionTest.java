package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileOptionTest {

  @TempDir Path dir;

  private PidFileOption at(Path file) {
    return new PidFileOption(file);
  }

  @Test
  void writesThePidWithoutANewlineAsRuncDoes() throws Exception {
    Path file = dir.resolve("init.pid");
    at(file).write(1234);
    assertEquals("1234", Files.readString(file));
    assertFalse(Files.exists(dir.resolve(".init.pid")), "the temporary file is renamed");
  }

  @Test
  void replacesAnOldPidFile() throws Exception {
    Path file = dir.resolve("init.pid");
    Files.writeString(file, "99999999\n");
    at(file).write(7);
    assertEquals("7", Files.readString(file));
  }

  @Test
  void noPidFileNoWrite() throws Exception {
    at(null).write(7);
    try (var entries = Files.list(dir)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void aMissingDirectoryFailsAndLeavesNothing() {
    assertThrows(UncheckedIOException.class, () -> at(dir.resolve("no/init.pid")).write(7));
  }
}
