package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeTest {
  @TempDir Path dir;

  @Test
  void parsesTheThreeForms() {
    Volume writable = Volume.parse(dir + ":/work");
    assertEquals(new Volume(dir, Path.of("/work"), false), writable);
    assertFalse(Volume.parse(dir + ":/work:rw").readOnly());
    assertTrue(Volume.parse(dir + ":/work:ro").readOnly());
    assertEquals(dir + ":/work:ro", Volume.parse(dir + ":/work:ro").toString());
  }

  @Test
  void theSourceIsResolvedAndTheDestinationCleaned() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir);

    Volume volume = Volume.parse(link + ":/data//./in/:ro");

    assertEquals(dir.toRealPath(), volume.source());
    assertEquals(Path.of("/data/in"), volume.destination());
  }

  @Test
  void refusesARelativeSource() {
    assertProblem("data:/data", "invalid volume \"data:/data\": the source \"data\" must be an"
        + " absolute path");
  }

  @Test
  void refusesARelativeDestination() {
    assertProblem(dir + ":data", "invalid volume \"" + dir + ":data\": the destination \"data\""
        + " must be an absolute path");
  }

  @Test
  void refusesAMissingSource() {
    Path missing = dir.resolve("missing");
    assertProblem(missing + ":/data", "invalid volume \"" + missing + ":/data\": the source "
        + missing + " does not exist");
  }

  @Test
  void refusesABadMode() {
    assertProblem(dir + ":/data:rx", "invalid volume \"" + dir + ":/data:rx\": the mode must be"
        + " ro or rw, was \"rx\"");
  }

  @Test
  void refusesTheWrongNumberOfParts() {
    assertProblem("/data", "invalid volume \"/data\": expected SRC:DST, SRC:DST:ro or"
        + " SRC:DST:rw");
    assertProblem(dir + ":/a:/b:ro", "invalid volume \"" + dir + ":/a:/b:ro\": expected SRC:DST,"
        + " SRC:DST:ro or SRC:DST:rw");
  }

  @Test
  void refusesEmptyParts() {
    assertProblem(":/data", "invalid volume \":/data\": the source is empty");
    assertProblem(dir + "::ro", "invalid volume \"" + dir + "::ro\": the destination is empty");
  }

  @Test
  void refusesTheRootAndDotDotAsDestination() {
    assertProblem(dir + ":/", "invalid volume \"" + dir + ":/\": the destination cannot be /:"
        + " the sandbox's root is the host view");
    assertProblem(dir + ":/a/../etc", "invalid volume \"" + dir + ":/a/../etc\": the destination"
        + " /a/../etc must not contain ..");
  }

  @Test
  void refusesNul() {
    assertProblem(dir + ":/a\0b", "invalid volume \"" + dir + ":/a\\0b\": the destination"
        + " contains a NUL character");
  }

  @Test
  void theConstructorChecksThePathsToo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Volume(Path.of("rel"), Path.of("/x"), true));
    assertEquals("invalid volume rel:/x:ro: the source \"rel\" must be an absolute path",
        e.getMessage());
  }

  private static void assertProblem(String spec, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Volume.parse(spec));
    assertEquals(message, e.getMessage());
  }
}
