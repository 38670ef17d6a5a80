package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerPathTest {

  @Test
  void cleansLexicallyWithDotDotStoppingAtTheRoot() {
    assertEquals("/dev/pts", ContainerPath.of("/dev//./pts/").toString());
    assertEquals("/etc", ContainerPath.of("/../../etc").toString());
    assertEquals("/proc/cpuinfo", ContainerPath.of("/proc/sys/../cpuinfo").toString());
    assertEquals("/", ContainerPath.of("/..").toString());
    assertTrue(ContainerPath.of("/.").isRoot());
  }

  @Test
  void refusesRelativePathsAndNul() {
    assertEquals(Optional.empty(), ContainerPath.parse("dev/pts"));
    assertEquals(Optional.empty(), ContainerPath.parse(""));
    assertEquals(Optional.empty(), ContainerPath.parse("/dev/\0pts"));
  }

  @Test
  void isRelativeToTheRootFdAndKnowsWhatItIsWithin() {
    ContainerPath pts = ContainerPath.of("/dev/pts");

    assertEquals("dev/pts", pts.relative());
    assertEquals(".", ContainerPath.ROOT.relative());
    assertEquals("pts", pts.name());
    assertEquals(ContainerPath.of("/dev"), pts.parent());
    assertEquals(ContainerPath.of("/dev"), pts.prefix(1));
    assertTrue(pts.isWithin(ContainerPath.of("/dev")));
    assertTrue(pts.isWithin(pts));
    assertFalse(ContainerPath.of("/devices").isWithin(ContainerPath.of("/dev")));
  }
}
