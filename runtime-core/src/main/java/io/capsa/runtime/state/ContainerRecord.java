package io.capsa.runtime.state;

import io.capsa.oci.OciJson;
import io.capsa.oci.OciSpecException;
import io.capsa.oci.State;
import io.capsa.oci.linux.Resources;
import io.capsa.oci.schema.UnknownFields;
import io.capsa.runtime.cgroups.CgroupPath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code <root>/<id>/state.json} holds: the OCI state as {@code runc state} shows it
 * (ociVersion, id, status, pid, bundle, rootfs, created, annotations, owner) and, as members of
 * Capsa's own, the start time of the container's init, so that a pid reused by another process
 * is never taken for the container's (see {@link ProcessIdentity}), the container's cgroup
 * with whether its limits are ignored, so that the commands after create find the same cgroup
 * and apply updates as create applied limits, and once an update has changed them the
 * container's resources, which the next update starts from (until then they are the
 * configuration's {@code linux.resources}).
 *
 * <p>The stored status is the last one the runtime wrote; {@link #status(boolean, boolean)}
 * derives the current one from it and the facts, as runc does.
 */
public record ContainerRecord(State state, long initStartTime, Optional<CgroupPath> cgroup,
    boolean ignoreResourceLimits, Optional<Resources> updatedResources) {
  /** The state.json member holding the init's start time (field 22 of /proc/PID/stat). */
  static final String INIT_START_TIME = "capsaInitStartTime";
  /** The state.json member holding the container's cgroup path (absent before Capsa had one). */
  static final String CGROUP_PATH = "capsaCgroupPath";
  /** The state.json member saying whether create ignored the resource limits. */
  static final String IGNORE_RESOURCE_LIMITS = "capsaIgnoreResourceLimits";
  /** The state.json member holding the resources as the last update left them. */
  static final String UPDATED_RESOURCES = "capsaUpdatedResources";

  public ContainerRecord {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(cgroup, "cgroup");
    Objects.requireNonNull(updatedResources, "updatedResources");
    for (String own : new String[] {INIT_START_TIME, CGROUP_PATH, IGNORE_RESOURCE_LIMITS,
        UPDATED_RESOURCES}) {
      if (state.unknownFields().members().containsKey(own)) {
        throw new IllegalArgumentException(own + " belongs to the record, not the state");
      }
    }
  }

  public ContainerId id() {
    return new ContainerId(state.id());
  }

  /** The init as stored; empty while it is not known yet (status creating). */
  public Optional<ProcessIdentity> init() {
    Integer pid = state.pid();
    return pid == null || pid <= 0
        ? Optional.empty() : Optional.of(new ProcessIdentity(pid, initStartTime));
  }

  public Status storedStatus() {
    return Status.valueOf(state.status().name());
  }

  /** A record of a new container: no update has changed its resources yet. */
  public static ContainerRecord of(State state, long initStartTime, CgroupPath cgroup,
      boolean ignoreResourceLimits) {
    return new ContainerRecord(state, initStartTime, Optional.of(cgroup), ignoreResourceLimits,
        Optional.empty());
  }

  public ContainerRecord withStatus(Status status) {
    return new ContainerRecord(
        state.toBuilder().status(io.capsa.oci.Status.valueOf(status.name())).build(),
        initStartTime, cgroup, ignoreResourceLimits, updatedResources);
  }

  /** This record with the resources an update left. */
  public ContainerRecord withUpdatedResources(Resources resources) {
    return new ContainerRecord(state, initStartTime, cgroup, ignoreResourceLimits,
        Optional.of(resources));
  }

  /**
   * The status as of now, given whether the stored init is alive and whether the exec fifo is
   * still there: {@code stopped} once the init is gone, {@code created} while it waits for
   * start (the fifo exists until start), {@code running} after that; {@code creating} while
   * create has not finished.
   */
  public Status status(boolean initAlive, boolean execFifoExists) {
    Status stored = storedStatus();
    if (stored == Status.STOPPED) {
      return Status.STOPPED;
    }
    if (stored == Status.CREATING) {
      return init().isPresent() && !initAlive ? Status.STOPPED : Status.CREATING;
    }
    if (!initAlive) {
      return Status.STOPPED;
    }
    if (stored == Status.PAUSED) {
      return Status.PAUSED;
    }
    return execFifoExists ? Status.CREATED : Status.RUNNING;
  }

  public byte[] toJson() {
    UnknownFields own = state.unknownFields()
        .with(INIT_START_TIME, Long.toString(initStartTime))
        .with(IGNORE_RESOURCE_LIMITS, Boolean.toString(ignoreResourceLimits));
    if (cgroup.isPresent()) {
      own = own.with(CGROUP_PATH, OciJson.quote(cgroup.get().value()));
    }
    if (updatedResources.isPresent()) {
      own = own.with(UPDATED_RESOURCES, OciJson.write(updatedResources.get()));
    }
    State stored = state.toBuilder().unknownFields(own).build();
    return OciJson.write(stored).getBytes(StandardCharsets.UTF_8);
  }

  public static ContainerRecord fromJson(byte[] json) {
    State read = OciJson.readState(new String(json, StandardCharsets.UTF_8));
    Map<String, String> others = new LinkedHashMap<>(read.unknownFields().members());
    String startTime = others.remove(INIT_START_TIME);
    String cgroupPath = others.remove(CGROUP_PATH);
    String ignore = others.remove(IGNORE_RESOURCE_LIMITS);
    String resources = others.remove(UPDATED_RESOURCES);
    return new ContainerRecord(
        read.toBuilder().unknownFields(new UnknownFields(others)).build(),
        startTime == null ? 0 : Long.parseLong(startTime),
        Optional.ofNullable(cgroupPath).map(ContainerRecord::jsonText).map(CgroupPath::of),
        Boolean.parseBoolean(ignore),
        Optional.ofNullable(resources).map(text -> OciJson.read(text, Resources.class)));
  }

  private static String jsonText(String json) {
    try {
      return OciJson.readString(json);
    } catch (OciSpecException e) {
      throw new IllegalArgumentException(CGROUP_PATH + " is not a JSON string: " + json, e);
    }
  }
}
