package io.capsa.runtime;

import io.capsa.runtime.cgroups.SubCgroup;
import io.capsa.sys.Fd;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to exec a process in a container beyond its {@link io.capsa.oci.ProcessConfig}: stdio,
 * fds to hand over, a console socket, whether a paused container is acceptable, and the cgroup
 * below the container's the process is born in. Immutable; build with {@link #builder()}.
 */
public final class ExecOptions {
  private static final ExecOptions DEFAULTS = builder().build();

  private final Stdio stdio;
  private final List<Fd> preservedFds;
  private final ConsoleSocket consoleSocket;
  private final boolean ignorePaused;
  private final SubCgroup cgroup;

  private ExecOptions(Builder builder) {
    this.stdio = builder.stdio;
    this.preservedFds = List.copyOf(builder.preservedFds);
    this.consoleSocket = builder.consoleSocket;
    this.ignorePaused = builder.ignorePaused;
    this.cgroup = builder.cgroup;
  }

  /**
   * Inherited stdio, no preserved fds, no console socket, a paused container refused, the
   * process born in the container's own cgroup.
   */
  public static ExecOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Stdio stdio() {
    return stdio;
  }

  /** The fds the process gets as 3, 4, ... in this order (runc's --preserve-fds). */
  public List<Fd> preservedFds() {
    return preservedFds;
  }

  /**
   * Where the master of the process's terminal is sent; required when the process's {@code
   * terminal} is true, refused otherwise. The terminal replaces the {@link #stdio()} choices.
   */
  public Optional<ConsoleSocket> consoleSocket() {
    return Optional.ofNullable(consoleSocket);
  }

  /** Whether a paused container is joined all the same (runc's --ignore-paused). */
  public boolean ignorePaused() {
    return ignorePaused;
  }

  /** The cgroup, at or below the container's, in which the process is born. */
  public SubCgroup cgroup() {
    return cgroup;
  }

  /** Builds {@link ExecOptions}; every setting starts at its default. */
  public static final class Builder {
    private Stdio stdio = Stdio.inherit();
    private List<Fd> preservedFds = List.of();
    private ConsoleSocket consoleSocket;
    private boolean ignorePaused;
    private SubCgroup cgroup = SubCgroup.CONTAINERS;

    private Builder() {}

    public Builder stdio(Stdio stdio) {
      this.stdio = Objects.requireNonNull(stdio, "stdio");
      return this;
    }

    /** Hands {@code fds} to the process as fds 3, 4, ...; the caller keeps owning them. */
    public Builder preservedFds(List<Fd> fds) {
      this.preservedFds = List.copyOf(fds);
      return this;
    }

    /** runc's --console-socket; null for none. */
    public Builder consoleSocket(ConsoleSocket consoleSocket) {
      this.consoleSocket = consoleSocket;
      return this;
    }

    public Builder ignorePaused(boolean ignorePaused) {
      this.ignorePaused = ignorePaused;
      return this;
    }

    /**
     * Has the process born in an existing cgroup below the container's (runc's exec --cgroup
     * on cgroup v2): {@code path} is relative to the container's cgroup, "/" (the default) is
     * the container's cgroup itself. The exec fails, naming the cgroup, when there is no such
     * cgroup or the container has no cgroup.
     *
     * @throws IllegalArgumentException when {@code path} leads out of the container's cgroup
     */
    public Builder cgroup(String path) {
      this.cgroup = SubCgroup.of(Objects.requireNonNull(path, "path"));
      return this;
    }

    public ExecOptions build() {
      return new ExecOptions(this);
    }
  }
}
