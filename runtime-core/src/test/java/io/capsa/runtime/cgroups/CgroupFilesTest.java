package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupFilesTest {
  @Test
  void singleValuesAndMax() {
    assertEquals(4096, CgroupFiles.single("4096\n"));
    assertEquals(-1, CgroupFiles.single("max\n"));
    assertEquals(-1, CgroupFiles.single("18446744073709551615"));
  }

  @Test
  void flatKeyedFiles() {
    assertEquals(Map.of("populated", 1L, "frozen", 0L),
        CgroupFiles.flatKeyed("populated 1\nfrozen 0\n"));
    assertEquals(Map.of("usage_usec", 7L), CgroupFiles.flatKeyed("usage_usec 7\nodd x y\n"));
  }

  @Test
  void nestedKeyedFiles() {
    assertEquals(Map.of("8:0", Map.of("rbytes", 1L, "wbytes", 2L), "7:0", Map.of("rios", 3L)),
        CgroupFiles.nestedKeyed("8:0 rbytes=1 wbytes=2\n7:0 rios=3\n"));
  }

  @Test
  void pids() {
    assertEquals(List.of(12, 345), CgroupFiles.pids("12\n345\n"));
    assertEquals(List.of(), CgroupFiles.pids(""));
  }
}
