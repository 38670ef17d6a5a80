package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootfsHostTest {

  @Test
  void findsMountsOfWholeProcAndSysfsInstancesInMountinfo() {
    List<String> mountinfo = List.of(
        "22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw",
        "23 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw",
        "24 1 0:23 /sys /var/lib/x/proc/sys ro master:2 - proc proc rw",
        "25 1 0:24 / /run rw - tmpfs tmpfs rw",
        "26 1 0:21 / /srv/with\\040space/proc rw shared:7 master:5 - proc proc rw",
        "bogus line");

    assertEquals(List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/srv/with space/proc")),
        RootfsHost.procAndSysfsMounts(mountinfo));
  }

  @Test
  void thisHostHasAProcfs() {
    assertTrue(RootfsHost.current().procAndSysfsMounts().contains(Path.of("/proc")));
  }
}
