package io.capsa.runtime;

import io.capsa.runtime.hooks.HostHookRunner;
import io.capsa.runtime.state.StateStore;
import io.capsa.sys.HostSyscalls;

/** What every operation of one {@link ContainerRuntime} shares. */
record RuntimeContext(StateStore store, HostSyscalls host, HostHookRunner hooks,
    ContainerRegistry registry) {

  static final System.Logger LOG = System.getLogger("io.capsa.runtime");
}
