package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.ArchConstant.PR_CAP_AMBIENT;
import static io.capsa.sys.ArchConstant.PR_CAP_AMBIENT_CLEAR_ALL;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;

/**
 * Who the process is and what it may do: ids, groups and capability sets, switched to in the
 * only order the kernel allows (runc's finalizeNamespace):
 * <ol>
 *   <li>drop from the bounding set what is not listed: PR_CAPBSET_DROP needs CAP_SETPCAP in
 *       the effective set, which setresuid to a non-root user clears;
 *   <li>PR_SET_KEEPCAPS, so that setresuid to a non-root user keeps the permitted set (the
 *       kernel resets the flag at execve);
 *   <li>setgroups (CAP_SETGID; skipped when the user namespace denies it), setresgid
 *       (CAP_SETGID), setresuid (CAP_SETUID) — a working directory may be entered now;
 *   <li>capset of the effective, permitted and inheritable sets: permitted shrinks from the
 *       kept set, effective is raised back from it;
 *   <li>the ambient set, cleared then raised (each needs the capability permitted and
 *       inheritable, hence after capset; and setresuid would have cleared it);
 *   <li>no_new_privs, which nothing after needs to be allowed.
 * </ol>
 *
 * @param capabilities null when the config has none: runc then leaves the sets alone
 */
record Credentials(ProcessUser user, CapabilitySets capabilities, int lastCapability,
    boolean userNamespace, boolean noNewPrivileges) {

  /** Steps 1 to 3: everything up to and including becoming the process's user. */
  void emitIdentity(InitProgramBuilder b, Operand procfs) {
    if (capabilities != null) {
      for (int n = 0; n <= lastCapability; n++) {
        if ((capabilities.bounding() & (1L << n)) == 0) {
          b.dropBoundingCapability(n)
              .describedAs("drop " + CapabilitySets.name(n) + " from the bounding set");
        }
      }
    }
    b.setKeepCaps(true);
    emitSetgroups(b, procfs);
    b.setresgid(user.gid(), user.gid(), user.gid());
    b.setresuid(user.uid(), user.uid(), user.uid());
  }

  /** Steps 4 to 6: the capability sets the process execs with, and no_new_privs. */
  void emitCapabilities(InitProgramBuilder b) {
    if (capabilities != null) {
      b.capset(capabilities.effective(), capabilities.permitted(), capabilities.inheritable())
          .describedAs("set the effective, permitted and inheritable capabilities");
      b.prctl(PR_CAP_AMBIENT, b.constant(PR_CAP_AMBIENT_CLEAR_ALL), 0, 0, 0)
          .describedAs("clear the ambient capabilities");
      for (int n = 0; n < Long.SIZE; n++) {
        if ((capabilities.ambient() & (1L << n)) != 0) {
          b.raiseAmbientCapability(n)
              .describedAs("raise ambient capability " + CapabilitySets.name(n));
        }
      }
    }
    if (noNewPrivileges) {
      b.setNoNewPrivs();
    }
  }

  /**
   * setgroups, unless this user namespace's /proc/self/setgroups says "deny" (a namespace made
   * without the privilege to map groups): runc then leaves the groups alone rather than fail.
   */
  private void emitSetgroups(InitProgramBuilder b, Operand procfs) {
    if (!userNamespace) {
      b.setgroups(user.additionalGidArray());
      return;
    }
    Step file = b.openat(procfs, "self/setgroups", b.flags(O_RDONLY, O_CLOEXEC), 0)
        .describedAs("open /proc/self/setgroups");
    Arg.BlobRef answer = b.buffer(8);
    b.read(file, answer, 8).describedAs("read whether this user namespace allows setgroups");
    b.close(file);
    Step first = b.load(answer, 1).describedAs("first byte of /proc/self/setgroups");
    Label denied = b.label();
    b.jumpIf(first, Condition.EQ, 'd', denied)
        .describedAs("skip setgroups if /proc/self/setgroups says deny");
    b.setgroups(user.additionalGidArray());
    b.bind(denied);
  }
}
