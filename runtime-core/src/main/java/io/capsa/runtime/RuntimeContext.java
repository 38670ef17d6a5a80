package io.capsa.runtime;

import io.capsa.runtime.cgroups.CgroupManager;
import io.capsa.runtime.hooks.HostHookRunner;
import io.capsa.runtime.state.StateStore;
import io.capsa.sys.HostSyscalls;

/**
 * What every operation of one {@link ContainerRuntime} shares.
 *
 * @param ignoreResourceLimits the runtime's option: cgroups are made and managed, their limits
 *     neither written at create nor at update
 */
record RuntimeContext(StateStore store, HostSyscalls host, HostHookRunner hooks,
    ContainerRegistry registry, CgroupManager cgroups, boolean ignoreResourceLimits) {

  static final System.Logger LOG = System.getLogger("io.capsa.runtime");
}
