package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootfsHostTest {

  @Test
  void findsWholeProcSysfsAndCgroup2MountsInMountinfo() {
    List<String> mountinfo = List.of(
        "22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw",
        "23 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw",
        "24 1 0:23 /sys /var/lib/x/proc/sys ro master:2 - proc proc rw",
        "25 1 0:24 / /run rw - tmpfs tmpfs rw",
        "26 1 0:21 / /srv/with\\040space/proc rw shared:7 master:5 - proc proc rw",
        "27 1 0:25 /container /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
        "28 1 0:25 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
        "bogus line");
    List<RootfsHost.MountinfoLine> mounts = mountinfo.stream()
        .flatMap(line -> RootfsHost.MountinfoLine.parse(line).stream()).toList();

    assertEquals(List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/srv/with space/proc")),
        RootfsHost.procAndSysfsMounts(mounts));
    assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")),
        RootfsHost.cgroup2Mount(mounts));
  }

  @Test
  void thisHostHasAProcfs() {
    assertTrue(RootfsHost.current().procAndSysfsMounts().contains(Path.of("/proc")));
  }
}
