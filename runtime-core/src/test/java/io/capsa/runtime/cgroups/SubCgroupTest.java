package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubCgroupTest {
  @ParameterizedTest
  @CsvSource({
      // as given, below the container's cgroup
      "sub, sub",
      "/sub, sub", // a leading slash is the container's cgroup, as in runc
      "a/b/, a/b",
      "./a//b, a/b",
      "a/../b, b", // ".." within the container's cgroup is fine
      "a/b/../.., ''"})
  void isAPathBelowTheContainersCgroup(String given, String relative) {
    assertEquals(relative, SubCgroup.of(given).relative());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", ".", "//"})
  void theseNameTheContainersOwnCgroup(String given) {
    assertTrue(SubCgroup.of(given).isContainers());
    assertEquals(SubCgroup.CONTAINERS, SubCgroup.of(given));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "/..", "../x", "a/../../x", "/a/b/../../../.."})
  void aPathLeadingOutOfTheContainersCgroupIsRefused(String given) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> SubCgroup.of(given));
    assertEquals("bad sub cgroup path: " + given + " (it leads out of the container's cgroup;"
        + " a sub-cgroup is below it)", refused.getMessage());
  }

  @Test
  void aNulCharacterIsRefused() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> SubCgroup.of("a\0b"));
    assertEquals("bad sub cgroup path: \"a\\0b\" contains a NUL character",
        refused.getMessage());
  }

  @Test
  void onlyCleanRelativePathsAreSubCgroups() {
    assertFalse(new SubCgroup("a/b").isContainers());
    assertThrows(IllegalArgumentException.class, () -> new SubCgroup("/a"));
    assertThrows(IllegalArgumentException.class, () -> new SubCgroup("a/../b"));
    assertThrows(IllegalArgumentException.class, () -> new SubCgroup(".."));
  }
}
