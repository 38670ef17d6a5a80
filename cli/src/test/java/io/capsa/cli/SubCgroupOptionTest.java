package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** exec's --cgroup in runc's grammar, for containers whose cgroup is a cgroup v2 one. */
class SubCgroupOptionTest {

  private static String refusal(String... given) {
    return assertThrows(CliException.class, () -> SubCgroupOption.path(List.of(given)))
        .getMessage();
  }

  @Test
  void noneGivenIsTheContainersCgroup() {
    assertEquals(Optional.empty(), SubCgroupOption.path(List.of()));
  }

  @Test
  void onePathAloneIsTheSubCgroup() {
    assertEquals(Optional.of("a/b"), SubCgroupOption.path(List.of("a/b")));
    assertEquals(Optional.of("/"), SubCgroupOption.path(List.of("/")));
  }

  @Test
  void aControllerIsUnknownToACgroupV2Cgroup() {
    assertEquals("unknown controller memory in --cgroup: the container's cgroup is a cgroup v2"
        + " one, whose controllers share one path, given without a <controller>: prefix",
        refusal("memory:sub"));
    assertEquals("unknown controller cpu in --cgroup: the container's cgroup is a cgroup v2"
        + " one, whose controllers share one path, given without a <controller>: prefix",
        refusal("memory:a", "cpu,cpuacct:b"));
  }

  @Test
  void malformedArgumentsInRuncsWords() {
    assertEquals("invalid --cgroup argument: a (missing <controller>: prefix)",
        refusal("a", "b"));
    assertEquals("invalid --cgroup argument: b (missing <controller>: prefix)",
        refusal("memory:a", "b"));
    assertEquals("invalid --cgroup argument: :sub (empty <controller> prefix)",
        refusal(":sub"));
    assertEquals("invalid --cgroup argument: cpu,:sub (empty <controller> prefix)",
        refusal("cpu,:sub"));
    assertEquals("invalid --cgroup argument(s): controller cpu specified multiple times",
        refusal("cpu:a", "cpu,memory:b"));
  }
}
