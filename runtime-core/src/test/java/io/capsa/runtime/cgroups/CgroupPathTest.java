package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.runtime.config.ConfigProblems;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CgroupPathTest {
  @ParameterizedTest
  @CsvSource({
      // cgroupsPath, own cgroup, the container's cgroup
      "'', /, /web", // absent: the id, relative
      "'', /user.slice/session-1.scope, /user.slice/web", // under the parent of our own
      "/machine/web, /user.slice/session-1.scope, /machine/web", // absolute: from the root
      "pods/web, /user.slice/session-1.scope, /user.slice/pods/web",
      "/a/../b/./c//d/, /, /b/c/d", // cleaned
      "/../../etc, /, /etc", // never above the root
      "../../x, /user.slice/session-1.scope, /user.slice/x", // relative never climbs either
      "system.slice:docker:web, /, /system.slice:docker:web"}) // a plain name here
  void resolvesAsRuncsCgroupfsDriverDoes(String cgroupsPath, String own, String expected) {
    ConfigProblems problems = new ConfigProblems();
    CgroupPath path = CgroupPath.forContainer(cgroupsPath, "web", own, problems);
    assertEquals(List.of(), problems.list());
    assertEquals(expected, path.value());
  }

  @Test
  void theRootIsNoContainersCgroup() {
    ConfigProblems problems = new ConfigProblems();
    assertNull(CgroupPath.forContainer("/..", "web", "/", problems));
    assertEquals("$.linux.cgroupsPath: \"/..\" is the root of the cgroup hierarchy; a container"
        + " needs a cgroup of its own", problems.list().get(0).jsonPath() + ": "
        + problems.list().get(0).message());
  }

  @Test
  void aNulCharacterIsAProblem() {
    ConfigProblems problems = new ConfigProblems();
    assertNull(CgroupPath.forContainer("a\0b", "web", "/", problems));
    assertEquals("contains a NUL character", problems.list().get(0).message());
  }

  @Test
  void storedPathsMustBeCleanAndBelowTheRoot() {
    assertEquals("/a/b", CgroupPath.of("/a/b").value());
    assertThrows(IllegalArgumentException.class, () -> CgroupPath.of("a/b"));
    assertThrows(IllegalArgumentException.class, () -> CgroupPath.of("/a/../b"));
    assertThrows(IllegalArgumentException.class, () -> CgroupPath.of("/"));
  }

  @Test
  void namesAndDirectory() {
    CgroupPath path = CgroupPath.of("/capsa/web");
    assertEquals(List.of("capsa", "web"), path.names());
    assertEquals("capsa/web", path.relative());
    assertEquals(Path.of("/sys/fs/cgroup/capsa/web"), path.under(Path.of("/sys/fs/cgroup")));
  }
}
