package io.capsa.runtime;

import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.namespaces.JoinedNamespace;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The fd numbers capsa-init gets for a container, above stdio: the preserved fds from 3 up (as
 * runc's --preserve-fds), then the runtime's own (the launcher puts capsa-init's program and
 * error channel above all of them), which the program makes close-on-exec before
 * anything else: the sync socket, one fd per namespace joined by path (opened on the host, so
 * that a path is never resolved inside a namespace being joined), the slot the exec fifo is
 * moved to once the program has created it, the container's cgroup directory, and the caller's
 * connected console socket when one was given.
 *
 * @param preserved how many fds from 3 up belong to the container's process
 * @param sync capsa-init's end of the sync socket
 * @param namespaces the fd of each namespace joined by path
 * @param execFifo where the program keeps its O_PATH fd of the exec fifo; the host maps a
 *     placeholder there so that no fd of the launcher can sit on that number
 * @param cgroup an O_PATH fd of the container's cgroup, which clone3 gives the init with
 *     CLONE_INTO_CGROUP so that it is born there
 * @param console the caller's connected console socket ({@link ConsoleSocket.Connected}), if
 *     one was given
 */
record ChildFds(int preserved, int sync, Map<NamespaceType, Integer> namespaces, int execFifo,
    int cgroup, OptionalInt console) {
  ChildFds {
    namespaces = Collections.unmodifiableMap(namespaces.isEmpty()
        ? new EnumMap<>(NamespaceType.class) : new EnumMap<>(namespaces));
  }

  /** The layout for {@code options}'s preserved fds and console and the namespaces in {@code
   * joined}. */
  static ChildFds layout(CreateOptions options, List<JoinedNamespace> joined) {
    boolean connectedConsole = options.consoleSocket()
        .filter(ConsoleSocket.Connected.class::isInstance).isPresent();
    return layout(options.preservedFds().size(), joined, connectedConsole);
  }

  /**
   * The layout for {@code preserved} preserved fds, the namespaces in {@code joined} and,
   * when {@code connectedConsole}, a console socket.
   */
  static ChildFds layout(int preserved, List<JoinedNamespace> joined, boolean connectedConsole) {
    int next = 3 + preserved;
    int sync = next++;
    Map<NamespaceType, Integer> namespaces = new EnumMap<>(NamespaceType.class);
    for (JoinedNamespace ns : joined) {
      namespaces.put(ns.type(), next++);
    }
    int execFifo = next++;
    int cgroup = next++;
    return new ChildFds(preserved, sync, namespaces, execFifo, cgroup,
        connectedConsole ? OptionalInt.of(next) : OptionalInt.empty());
  }
}
