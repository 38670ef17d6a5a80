package io.capsa.runtime.hooks;

import io.capsa.oci.Hooks;
import io.capsa.oci.Status;
import java.util.List;
import java.util.function.Function;

/**
 * The points of the lifecycle where hooks run (runtime-spec config.md "POSIX-platform Hooks"),
 * where each runs, and the status the state on its stdin shows.
 */
public enum HookPhase {
  PRESTART("prestart", Where.HOST, Status.CREATING, Hooks::prestart),
  CREATE_RUNTIME("createRuntime", Where.HOST, Status.CREATING, Hooks::createRuntime),
  CREATE_CONTAINER("createContainer", Where.CONTAINER, Status.CREATING, Hooks::createContainer),
  START_CONTAINER("startContainer", Where.CONTAINER, Status.CREATED, Hooks::startContainer),
  POSTSTART("poststart", Where.HOST, Status.RUNNING, Hooks::poststart),
  POSTSTOP("poststop", Where.HOST, Status.STOPPED, Hooks::poststop);

  /** Whether the host runs a hook in the runtime's namespaces or capsa-init in the container's. */
  public enum Where {
    HOST,
    CONTAINER
  }

  private final String jsonName;
  private final Where where;
  private final Status status;
  private final Function<Hooks, List<io.capsa.oci.Hook>> select;

  HookPhase(String jsonName, Where where, Status status,
      Function<Hooks, List<io.capsa.oci.Hook>> select) {
    this.jsonName = jsonName;
    this.where = where;
    this.status = status;
    this.select = select;
  }

  /** The member of {@code hooks} in config.json ("createRuntime"). */
  public String jsonName() {
    return jsonName;
  }

  public Where where() {
    return where;
  }

  /** The status of the state document the phase's hooks read on stdin. */
  public Status status() {
    return status;
  }

  /** The phase's hooks in {@code hooks}; empty when the member is absent. */
  public List<io.capsa.oci.Hook> of(Hooks hooks) {
    List<io.capsa.oci.Hook> list = hooks == null ? null : select.apply(hooks);
    return list == null ? List.of() : list;
  }
}
