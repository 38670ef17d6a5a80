package io.capsa.runtime.process;

import io.capsa.oci.User;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids and umask a process runs with, checked: absent ids are 0 as in runc, an absent umask
 * is 0022 (runc's default for the init; Capsa uses it for exec too rather than leak the JVM's).
 *
 * @param additionalGids the supplementary groups, replacing whatever the runtime had
 */
record ProcessUser(long uid, long gid, List<Long> additionalGids, long umask) {
  static final long DEFAULT_UMASK = 0022;
  /** (uid_t) -1: setresuid and setresgid read it as "leave this id unchanged". */
  private static final long UNCHANGED_ID = 0xffffffffL;

  ProcessUser {
    additionalGids = List.copyOf(additionalGids);
  }

  static ProcessUser from(User user, String path, ConfigProblems problems) {
    if (user == null) {
      return new ProcessUser(0, 0, List.of(), DEFAULT_UMASK);
    }
    long uid = id(user.uid(), path + ".uid", problems);
    long gid = id(user.gid(), path + ".gid", problems);
    List<Long> groups = new ArrayList<>();
    List<Long> given = user.additionalGids() == null ? List.of() : user.additionalGids();
    for (int i = 0; i < given.size(); i++) {
      groups.add(id(given.get(i), path + ".additionalGids[" + i + "]", problems));
    }
    long umask = DEFAULT_UMASK;
    if (user.umask() != null) {
      umask = user.umask();
      if (umask < 0 || umask > UNCHANGED_ID) {
        problems.add(path + ".umask", "must be a uint32, was " + umask);
      }
    }
    return new ProcessUser(uid, gid, groups, umask);
  }

  /** An id from 0 to 4294967294; absent is 0. */
  private static long id(Long value, String path, ConfigProblems problems) {
    if (value == null) {
      return 0;
    }
    if (value == UNCHANGED_ID) {
      problems.add(path, "4294967295 is (uid_t) -1, which the kernel reads as \"unchanged\"");
    } else if (value < 0 || value > UNCHANGED_ID) {
      problems.add(path, "must be a uint32, was " + value);
    }
    return value;
  }

  long[] additionalGidArray() {
    return additionalGids.stream().mapToLong(Long::longValue).toArray();
  }
}
