package io.capsa.runtime.namespaces;

import static io.capsa.sys.ArchConstant.AF_INET;
import static io.capsa.sys.ArchConstant.AT_FDCWD;
import static io.capsa.sys.ArchConstant.IFF_RUNNING;
import static io.capsa.sys.ArchConstant.IFF_UP;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_WRONLY;
import static io.capsa.sys.ArchConstant.SOCK_CLOEXEC;
import static io.capsa.sys.ArchConstant.SOCK_DGRAM;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.sys.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The namespace ops of a container's init program (steps 1 to 3 of the orchestrator): join the
 * namespaces given by path, unshare a new user namespace, unshare the others and set the clock
 * offsets. The handshake in which the host writes the id maps follows {@link #unshareUser}; the
 * orchestrator emits it, and {@link #becomeRoot} in the init once it is cloned.
 */
public final class NamespaceSteps {
  private final InitProgramBuilder b;
  private final ContainerNamespaces namespaces;

  public NamespaceSteps(InitProgramBuilder b, ContainerNamespaces namespaces) {
    this.b = b;
    this.namespaces = namespaces;
  }

  /**
   * Joins every namespace of {@link ContainerNamespaces#joined()} through the fd the host opened
   * on its path ({@code fds}, by type). The others are tried before the user namespace, since
   * the container may lose its rights over the host's namespaces once it is in its own user
   * namespace, and those refused with EPERM again after it, since a namespace owned by that
   * user namespace may need its capabilities (runc's order, nsexec.c join_namespaces).
   */
  public void joinNamespaces(Map<NamespaceType, Operand> fds) {
    Operand userFd = fds.get(NamespaceType.USER);
    List<JoinedNamespace> others = namespaces.joined().stream()
        .filter(ns -> ns.type() != NamespaceType.USER).toList();
    if (userFd == null) {
      others.forEach(ns -> join(ns, fds.get(ns.type()), ""));
      return;
    }
    List<Step> firstTries = new ArrayList<>();
    for (JoinedNamespace ns : others) {
      firstTries.add(join(ns, fds.get(ns.type()), " before the user namespace")
          .tolerating(Errno.EPERM));
    }
    join(namespaces.joinedOf(NamespaceType.USER).orElseThrow(), userFd, "");
    for (int i = 0; i < others.size(); i++) {
      Label joined = b.label();
      b.jumpIf(firstTries.get(i), Condition.GE, 0, joined);
      join(others.get(i), fds.get(others.get(i).type()), " from inside the user namespace");
      b.bind(joined);
    }
  }

  private Step join(JoinedNamespace ns, Operand fd, String when) {
    return b.setns(fd, b.constant(NamespaceKind.cloneFlag(ns.type())))
        .describedAs("join the " + NamespaceKind.jsonName(ns.type()) + " namespace " + ns.path()
            + when);
  }

  /** Step 2a: a new user namespace; the host then writes its id maps. */
  public Step unshareUser() {
    return b.unshare(b.constant(NamespaceKind.cloneFlag(NamespaceType.USER)))
        .describedAs("unshare the user namespace");
  }

  /**
   * In the init, in a new or joined user namespace: become root in it, as runc does, so that
   * what the init creates before the process's own credentials are set belongs to the
   * container's root rather than to the overflow id. Not before the clone: clone3 with
   * CLONE_INTO_CGROUP needs write access to the cgroup.procs of the cgroups above the
   * container's, which the host's root has as their owner and the container's root does not.
   * The namespace's capabilities, which every step before needs, come with unshare or setns.
   */
  public void becomeRoot() {
    b.setresgid(0, 0, 0).describedAs("become group root in the user namespace");
    b.setresuid(0, 0, 0).describedAs("become root in the user namespace");
  }

  /**
   * Step 3: unshares every other new namespace but the cgroup namespace in one call and, for a
   * new time namespace, writes its clock offsets, which the kernel accepts only until the first
   * process enters it (the child clone3 makes next). A new cgroup namespace comes with that
   * clone3 (CLONE_NEWCGROUP beside CLONE_INTO_CGROUP), so that it is rooted at the container's
   * cgroup and the container sees itself at "/".
   */
  public void unshareOthers() {
    long flags = namespaces.unshareFlags(b.arch());
    if (flags != 0) {
      b.unshare(flags);
    }
    namespaces.clockOffsets().ifPresent(offsets -> {
      Step file = b.openat(Arg.fd((int) b.constant(AT_FDCWD)), "/proc/self/timens_offsets",
          b.flags(O_WRONLY, O_CLOEXEC), 0);
      b.write(file, offsets.procText())
          .describedAs("write the clock offsets of the time namespace");
      b.close(file);
    });
  }

  /**
   * The loopback interface of a new network namespace starts down; runc and crun bring it up
   * for every network namespace they create (not for one joined by path, which is someone
   * else's to configure), so that 127.0.0.1 works in the container, and so does Capsa. It needs
   * CAP_NET_ADMIN in the user namespace owning the network namespace, which the init still has.
   */
  public void bringUpLoopback() {
    if (!namespaces.creates(NamespaceType.NETWORK)) {
      return;
    }
    Step socket = b.socket(b.constant(AF_INET), b.flags(SOCK_DGRAM, SOCK_CLOEXEC), 0)
        .describedAs("open a socket in the new network namespace");
    b.setInterfaceFlags(socket, "lo", b.flags(IFF_UP, IFF_RUNNING))
        .describedAs("bring the loopback interface up");
    b.close(socket);
  }
}
