package io.capsa.runtime;

import java.util.OptionalInt;

/**
 * The fd numbers capsa-init gets for an exec, above stdio: the preserved fds from 3 up, then
 * the runtime's own, which the program makes close-on-exec first: the sync socket, a pidfd of
 * the container's init (whose namespaces setns joins), and the caller's connected console
 * socket when one was given.
 */
record ExecFds(int preserved, int sync, int initPidfd, OptionalInt console) {

  static ExecFds layout(ExecOptions options) {
    int next = 3 + options.preservedFds().size();
    int sync = next++;
    int initPidfd = next++;
    boolean connectedConsole = options.consoleSocket()
        .filter(ConsoleSocket.Connected.class::isInstance).isPresent();
    return new ExecFds(options.preservedFds().size(), sync, initPidfd,
        connectedConsole ? OptionalInt.of(next) : OptionalInt.empty());
  }
}
