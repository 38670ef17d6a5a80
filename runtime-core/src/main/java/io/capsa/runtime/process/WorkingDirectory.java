package io.capsa.runtime.process;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.sys.Errno;

/**
 * The process's working directory, entered as runc enters it: first with the runtime's
 * credentials (a directory only root can reach still works), again as the process's user when
 * that was refused (a volume owned by the user that root cannot search), then verified to be
 * inside the container's root. The check is CVE-2024-21626's fix: a working directory reached
 * through a leaked fd of the host (/proc/self/fd/N) is outside the root, and getcwd(2) then
 * answers "(unreachable)/..." instead of an absolute path.
 */
record WorkingDirectory(String path) {
  /** PATH_MAX: getcwd fails with ERANGE for a longer path rather than truncate it. */
  private static final int PATH_MAX = 4096;

  /** The first chdir, tolerating a refusal that the process's own user may not get. */
  Step emitFirstChdir(InitProgramBuilder b) {
    return b.chdir(path).tolerating(Errno.EACCES, Errno.EPERM)
        .describedAs("change directory to " + path);
  }

  /** After the switch to the process's user: the second chdir if needed, then the check. */
  void emitRetryAndVerify(InitProgramBuilder b, Step firstChdir) {
    Label entered = b.label();
    b.jumpIf(firstChdir, Condition.EQ, 0, entered)
        .describedAs("skip the second chdir if the first one worked");
    b.chdir(path).describedAs("change directory to " + path + " as the process's user");
    b.bind(entered);
    Arg.BlobRef buffer = b.buffer(PATH_MAX);
    b.getcwd(buffer, PATH_MAX)
        .describedAs("get the working directory to check that it is inside the container");
    Step first = b.load(buffer, 1).describedAs("first byte of the working directory");
    Label inside = b.label();
    b.jumpIf(first, Condition.EQ, '/', inside)
        .describedAs("go on if the working directory is an absolute path, inside the root");
    b.fail(Errno.ENOENT, "the working directory " + path + " is outside the container's root"
        + " (possible container breakout, CVE-2024-21626)");
    b.bind(inside);
  }
}
