package io.capsa.runtime;

import io.capsa.oci.OciJson;
import io.capsa.oci.State;
import io.capsa.oci.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The OCI state documents of a container: stored, shown, and fed to hooks on stdin. */
final class StateDocuments {
  /** The latest instant with the longest text, for sizing a state before its time is known. */
  private static final Instant LONGEST_INSTANT = Instant.ofEpochSecond(253402300799L, 999999999);

  private StateDocuments() {}

  /** The state of {@code config}'s container; a pid of 0 leaves the member out. */
  static State state(ContainerConfig config, Status status, int pid, Instant created) {
    return State.builder()
        .id(config.id().value())
        .status(status)
        .pid(pid > 0 ? pid : null)
        .bundle(config.bundle().toString())
        .rootfs(config.rootfs().toString())
        .created(created)
        .annotations(config.spec().annotations())
        .owner("")
        .build();
  }

  static byte[] bytes(State state) {
    return OciJson.write(state).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An upper bound of the size of any state document of {@code config}'s container: the init
   * program reserves this much for the states hooks inside the container read on stdin.
   */
  static int maxSize(ContainerConfig config) {
    return bytes(state(config, Status.CREATING, Integer.MAX_VALUE, LONGEST_INSTANT)).length;
  }
}
