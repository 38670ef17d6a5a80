package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
  @Test
  void unescapesWhatTheKernelEscapes() {
    assertEquals("/mnt/a b\tc\nd\\e", MountTable.unescape("/mnt/a\\040b\\011c\\012d\\134e"));
    assertEquals("/mnt/\\9x", MountTable.unescape("/mnt/\\9x"));
    assertEquals("/mnt/\\04", MountTable.unescape("/mnt/\\04"));
  }

  @Test
  void findsTheMountsAtAndBelowADirectory() throws Exception {
    List<Path> underProc = MountTable.mountPointsUnder(Path.of("/proc"));

    assertTrue(underProc.contains(Path.of("/proc")), underProc.toString());
    assertTrue(underProc.stream().allMatch(path -> path.startsWith("/proc")));
    assertTrue(MountTable.mountPointsUnder(Path.of("/")).containsAll(underProc));
  }
}
