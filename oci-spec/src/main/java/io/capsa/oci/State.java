package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a container as {@code runc state} reports it: the runtime-spec fields, and runc's
 * {@code rootfs}, {@code created} and {@code owner}, in runc's order. Other members survive in
 * {@link #unknownFields()}.
 *
 * @param pid the container process as the host sees it; runc writes 0 once it is stopped
 * @param bundle absolute path of the bundle directory
 * @param rootfs absolute path of the root filesystem (runc)
 * @param created when the container was created (runc)
 * @param owner the owner of the container, empty when it is the caller (runc)
 */
public record State(
    @Required String ociVersion,
    @Required String id,
    @Range(min = 0) Integer pid,
    @Required Status status,
    @Required String bundle,
    String rootfs,
    Instant created,
    Map<String, String> annotations,
    String owner,
    UnknownFields unknownFields) {
  public State {
    Objects.requireNonNull(ociVersion, "ociVersion");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(bundle, "bundle");
    annotations = Immutable.map(annotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /**
   * A builder with every member absent except {@code ociVersion}, preset to {@link
   * Spec#OCI_VERSION}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code State}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link State}; members left unset stay absent. */
  public static final class Builder {
    private String ociVersion = Spec.OCI_VERSION;
    private String id;
    private Integer pid;
    private Status status;
    private String bundle;
    private String rootfs;
    private Instant created;
    private Map<String, String> annotations;
    private String owner;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(State from) {
      ociVersion = from.ociVersion;
      id = from.id;
      pid = from.pid;
      status = from.status;
      bundle = from.bundle;
      rootfs = from.rootfs;
      created = from.created;
      annotations = from.annotations;
      owner = from.owner;
      unknownFields = from.unknownFields;
    }

    public Builder ociVersion(String ociVersion) {
      this.ociVersion = ociVersion;
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder pid(Integer pid) {
      this.pid = pid;
      return this;
    }

    public Builder status(Status status) {
      this.status = status;
      return this;
    }

    public Builder bundle(String bundle) {
      this.bundle = bundle;
      return this;
    }

    public Builder rootfs(String rootfs) {
      this.rootfs = rootfs;
      return this;
    }

    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations = annotations;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public State build() {
      return new State(
          ociVersion, id, pid, status, bundle, rootfs, created, annotations, owner, unknownFields);
    }
  }
}
