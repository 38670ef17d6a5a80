package io.capsa.oci.image;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The defaults for running a container of an image ({@code config} of an image configuration), with
 * Docker's capitalised member names.
 *
 * @param user a user or uid, optionally with a group: {@code user:group}
 * @param exposedPorts such as {@code 8080/tcp}
 * @param argsEscaped Windows only, deprecated
 */
public record ExecutionConfig(
    @JsonName("User") String user,
    @JsonName("ExposedPorts") Set<String> exposedPorts,
    @JsonName("Env") List<String> env,
    @JsonName("Entrypoint") List<String> entrypoint,
    @JsonName("Cmd") List<String> cmd,
    @JsonName("Volumes") Set<String> volumes,
    @JsonName("WorkingDir") String workingDir,
    @JsonName("Labels") Map<String, String> labels,
    @JsonName("StopSignal") String stopSignal,
    @JsonName("ArgsEscaped") Boolean argsEscaped,
    UnknownFields unknownFields) {
  public ExecutionConfig {
    exposedPorts = Immutable.set(exposedPorts);
    env = Immutable.list(env);
    entrypoint = Immutable.list(entrypoint);
    cmd = Immutable.list(cmd);
    volumes = Immutable.set(volumes);
    labels = Immutable.map(labels);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code ExecutionConfig}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ExecutionConfig}; members left unset stay absent. */
  public static final class Builder {
    private String user;
    private Set<String> exposedPorts;
    private List<String> env;
    private List<String> entrypoint;
    private List<String> cmd;
    private Set<String> volumes;
    private String workingDir;
    private Map<String, String> labels;
    private String stopSignal;
    private Boolean argsEscaped;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(ExecutionConfig from) {
      user = from.user;
      exposedPorts = from.exposedPorts;
      env = from.env;
      entrypoint = from.entrypoint;
      cmd = from.cmd;
      volumes = from.volumes;
      workingDir = from.workingDir;
      labels = from.labels;
      stopSignal = from.stopSignal;
      argsEscaped = from.argsEscaped;
      unknownFields = from.unknownFields;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder exposedPorts(Set<String> exposedPorts) {
      this.exposedPorts = exposedPorts;
      return this;
    }

    public Builder env(List<String> env) {
      this.env = env;
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder cmd(List<String> cmd) {
      this.cmd = cmd;
      return this;
    }

    public Builder volumes(Set<String> volumes) {
      this.volumes = volumes;
      return this;
    }

    public Builder workingDir(String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder stopSignal(String stopSignal) {
      this.stopSignal = stopSignal;
      return this;
    }

    public Builder argsEscaped(Boolean argsEscaped) {
      this.argsEscaped = argsEscaped;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public ExecutionConfig build() {
      return new ExecutionConfig(
          user,
          exposedPorts,
          env,
          entrypoint,
          cmd,
          volumes,
          workingDir,
          labels,
          stopSignal,
          argsEscaped,
          unknownFields);
    }
  }
}
