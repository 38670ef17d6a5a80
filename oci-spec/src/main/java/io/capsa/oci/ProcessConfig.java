package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The container process ({@code process} in config.json, and the whole document of {@code runc exec
 * --process}). Named ProcessConfig rather than Process so that it does not hide {@link
 * java.lang.Process}.
 *
 * @param terminal whether the process gets a pseudo-terminal
 * @param commandLine the full command line, on Windows only
 * @param env {@code KEY=value} entries
 * @param cwd absolute working directory inside the container
 * @param oomScoreAdj the kernel's oom_score_adj, from -1000 to 1000
 */
public record ProcessConfig(
    Boolean terminal,
    ConsoleSize consoleSize,
    User user,
    List<String> args,
    String commandLine,
    List<String> env,
    @Required String cwd,
    Capabilities capabilities,
    List<Rlimit> rlimits,
    Boolean noNewPrivileges,
    String apparmorProfile,
    @Range(min = -1000, max = 1000) Integer oomScoreAdj,
    Scheduler scheduler,
    String selinuxLabel,
    IoPriority ioPriority,
    @JsonName("execCPUAffinity") CpuAffinity execCpuAffinity,
    UnknownFields unknownFields) {
  public ProcessConfig {
    Objects.requireNonNull(cwd, "cwd");
    args = Immutable.list(args);
    env = Immutable.list(env);
    rlimits = Immutable.list(rlimits);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code ProcessConfig}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ProcessConfig}; members left unset stay absent. */
  public static final class Builder {
    private Boolean terminal;
    private ConsoleSize consoleSize;
    private User user;
    private List<String> args;
    private String commandLine;
    private List<String> env;
    private String cwd;
    private Capabilities capabilities;
    private List<Rlimit> rlimits;
    private Boolean noNewPrivileges;
    private String apparmorProfile;
    private Integer oomScoreAdj;
    private Scheduler scheduler;
    private String selinuxLabel;
    private IoPriority ioPriority;
    private CpuAffinity execCpuAffinity;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(ProcessConfig from) {
      terminal = from.terminal;
      consoleSize = from.consoleSize;
      user = from.user;
      args = from.args;
      commandLine = from.commandLine;
      env = from.env;
      cwd = from.cwd;
      capabilities = from.capabilities;
      rlimits = from.rlimits;
      noNewPrivileges = from.noNewPrivileges;
      apparmorProfile = from.apparmorProfile;
      oomScoreAdj = from.oomScoreAdj;
      scheduler = from.scheduler;
      selinuxLabel = from.selinuxLabel;
      ioPriority = from.ioPriority;
      execCpuAffinity = from.execCpuAffinity;
      unknownFields = from.unknownFields;
    }

    public Builder terminal(Boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    public Builder consoleSize(ConsoleSize consoleSize) {
      this.consoleSize = consoleSize;
      return this;
    }

    public Builder user(User user) {
      this.user = user;
      return this;
    }

    public Builder args(List<String> args) {
      this.args = args;
      return this;
    }

    public Builder commandLine(String commandLine) {
      this.commandLine = commandLine;
      return this;
    }

    public Builder env(List<String> env) {
      this.env = env;
      return this;
    }

    public Builder cwd(String cwd) {
      this.cwd = cwd;
      return this;
    }

    public Builder capabilities(Capabilities capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    public Builder rlimits(List<Rlimit> rlimits) {
      this.rlimits = rlimits;
      return this;
    }

    public Builder noNewPrivileges(Boolean noNewPrivileges) {
      this.noNewPrivileges = noNewPrivileges;
      return this;
    }

    public Builder apparmorProfile(String apparmorProfile) {
      this.apparmorProfile = apparmorProfile;
      return this;
    }

    public Builder oomScoreAdj(Integer oomScoreAdj) {
      this.oomScoreAdj = oomScoreAdj;
      return this;
    }

    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder selinuxLabel(String selinuxLabel) {
      this.selinuxLabel = selinuxLabel;
      return this;
    }

    public Builder ioPriority(IoPriority ioPriority) {
      this.ioPriority = ioPriority;
      return this;
    }

    public Builder execCpuAffinity(CpuAffinity execCpuAffinity) {
      this.execCpuAffinity = execCpuAffinity;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public ProcessConfig build() {
      return new ProcessConfig(
          terminal,
          consoleSize,
          user,
          args,
          commandLine,
          env,
          cwd,
          capabilities,
          rlimits,
          noNewPrivileges,
          apparmorProfile,
          oomScoreAdj,
          scheduler,
          selinuxLabel,
          ioPriority,
          execCpuAffinity,
          unknownFields);
    }
  }
}
