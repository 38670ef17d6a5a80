package io.capsa.runtime;

import io.capsa.sys.Fd;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to exec a process in a container beyond its {@link io.capsa.oci.ProcessConfig}: stdio,
 * fds to hand over, a console socket, and whether a paused container is acceptable. Immutable;
 * build with {@link #builder()}.
 */
public final class ExecOptions {
  private static final ExecOptions DEFAULTS = builder().build();

  private final Stdio stdio;
  private final List<Fd> preservedFds;
  private final ConsoleSocket consoleSocket;
  private final boolean ignorePaused;

  private ExecOptions(Builder builder) {
    this.stdio = builder.stdio;
    this.preservedFds = List.copyOf(builder.preservedFds);
    this.consoleSocket = builder.consoleSocket;
    this.ignorePaused = builder.ignorePaused;
  }

  /** Inherited stdio, no preserved fds, no console socket, a paused container refused. */
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

  /** Builds {@link ExecOptions}; every setting starts at its default. */
  public static final class Builder {
    private Stdio stdio = Stdio.inherit();
    private List<Fd> preservedFds = List.of();
    private ConsoleSocket consoleSocket;
    private boolean ignorePaused;

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

    public ExecOptions build() {
      return new ExecOptions(this);
    }
  }
}
