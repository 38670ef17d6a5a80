package io.capsa.runtime.cgroups;

import io.capsa.sys.Errno;
import io.capsa.sys.SyscallException;
import java.util.ArrayList;
import java.util.List;

/** Applies {@link CgroupLimits} to a cgroup directory, write by write, in order. */
final class LimitWriter {
  private LimitWriter() {}

  static void apply(CgroupDirectory cgroup, CgroupLimits limits) {
    List<CgroupWrite> retried = new ArrayList<>();
    for (CgroupWrite write : limits.writes()) {
      try {
        write(cgroup, write);
      } catch (SyscallException e) {
        if (!write.retryLastOnInvalid() || !e.is(Errno.EINVAL)) {
          throw failure(cgroup, write, e);
        }
        retried.add(write);
      }
    }
    for (CgroupWrite write : retried) {
      try {
        write(cgroup, write);
      } catch (SyscallException e) {
        throw failure(cgroup, write, e);
      }
    }
  }

  private static void write(CgroupDirectory cgroup, CgroupWrite write) {
    try {
      cgroup.write(write.file(), write.value());
    } catch (SyscallException e) {
      boolean absent = e.syscall().equals("openat2") && e.is(Errno.ENOENT);
      if (absent && write.whenAbsent() == CgroupWrite.WhenAbsent.SKIP) {
        return;
      }
      if (absent && write.whenAbsent() == CgroupWrite.WhenAbsent.WRITE_INSTEAD) {
        try {
          write(cgroup, write.instead());
        } catch (SyscallException insteadFailed) {
          throw failure(cgroup, write.instead(), insteadFailed);
        }
        return;
      }
      throw e;
    }
  }

  private static CgroupException failure(CgroupDirectory cgroup, CgroupWrite write,
      SyscallException e) {
    return new CgroupException("cannot set " + write.file() + " to \"" + write.value()
        + "\" for " + write.source() + " in " + cgroup.path() + ": " + e.getMessage(), e);
  }
}
