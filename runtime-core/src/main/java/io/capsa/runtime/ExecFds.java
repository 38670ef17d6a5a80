package io.capsa.runtime;

import java.util.OptionalInt;

/**
 * The fd numbers capsa-init gets for an exec, above stdio: the preserved fds from 3 up, then
 * the runtime's own, which the program makes close-on-exec first: the sync socket, a pidfd of
 * the container's init (whose namespaces setns joins), the caller's connected console socket
 * when one was given, and the container's cgroup directory when it has one.
 */
record ExecFds(int preserved, int sync, int initPidfd, OptionalInt console,
    OptionalInt cgroup) {

  static ExecFds layout(ExecOptions options, boolean cgroup) {
    int next = 3 + options.preservedFds().size();
    int sync = next++;
    int initPidfd = next++;
    boolean connectedConsole = options.consoleSocket()
        .filter(ConsoleSocket.Connected.class::isInstance).isPresent();
    OptionalInt console = connectedConsole ? OptionalInt.of(next++) : OptionalInt.empty();
    return new ExecFds(options.preservedFds().size(), sync, initPidfd, console,
        cgroup ? OptionalInt.of(next) : OptionalInt.empty());
  }
}
