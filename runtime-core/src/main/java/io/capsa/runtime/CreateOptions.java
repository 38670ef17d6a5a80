package io.capsa.runtime;

import io.capsa.sys.Fd;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to create a container beyond its bundle: stdio, the PID-1 reaper, fds to hand to the
 * process, chroot instead of pivot_root, a console socket and a notify socket. Immutable; build
 * with {@link #builder()}.
 */
public final class CreateOptions {
  private static final CreateOptions DEFAULTS = builder().build();

  private final Stdio stdio;
  private final boolean reaper;
  private final List<Fd> preservedFds;
  private final boolean noPivot;
  private final List<String> environment;
  private final ConsoleSocket consoleSocket;
  private final boolean notifySocket;

  private CreateOptions(Builder builder) {
    this.stdio = builder.stdio;
    this.reaper = builder.reaper;
    this.preservedFds = List.copyOf(builder.preservedFds);
    this.noPivot = builder.noPivot;
    this.environment = List.copyOf(builder.environment);
    this.consoleSocket = builder.consoleSocket;
    this.notifySocket = builder.notifySocket;
  }

  /** Inherited stdio, no reaper, no preserved fds, pivot_root, no console or notify socket. */
  public static CreateOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Stdio stdio() {
    return stdio;
  }

  /**
   * Whether capsa-init stays PID 1 as a reaper with the process as its child (also asked for by
   * the annotation {@value ContainerConfig#REAPER_ANNOTATION}=true).
   */
  public boolean reaper() {
    return reaper;
  }

  /** The fds the process gets as 3, 4, ... in this order (runc's --preserve-fds). */
  public List<Fd> preservedFds() {
    return preservedFds;
  }

  /** Whether the root is changed with chroot rather than pivot_root (runc's --no-pivot). */
  public boolean noPivot() {
    return noPivot;
  }

  /**
   * KEY=value entries added after config.json's process.env, overriding the same keys there:
   * what the caller of create hands the process besides its config, such as runc's
   * LISTEN_FDS and LISTEN_PID for socket activation.
   */
  public List<String> environment() {
    return environment;
  }

  /**
   * Where the master of the process's terminal is sent; required when {@code process.terminal}
   * is true, refused otherwise. The terminal replaces the {@link #stdio()} choices.
   */
  public Optional<ConsoleSocket> consoleSocket() {
    return Optional.ofNullable(consoleSocket);
  }

  /**
   * Whether the process gets a notify socket for sd_notify(3), as runc gives one when it is
   * run with NOTIFY_SOCKET set: NOTIFY_SOCKET=/run/notify/notify.sock in its environment, that
   * directory a read-only bind mount of one in the container's state directory, where {@link
   * Container#bindNotifySocket()} binds the socket.
   */
  public boolean notifySocket() {
    return notifySocket;
  }

  /** Builds {@link CreateOptions}; every setting starts at its default. */
  public static final class Builder {
    private Stdio stdio = Stdio.inherit();
    private boolean reaper;
    private List<Fd> preservedFds = List.of();
    private boolean noPivot;
    private List<String> environment = List.of();
    private ConsoleSocket consoleSocket;
    private boolean notifySocket;

    private Builder() {}

    public Builder stdio(Stdio stdio) {
      this.stdio = Objects.requireNonNull(stdio, "stdio");
      return this;
    }

    public Builder reaper(boolean reaper) {
      this.reaper = reaper;
      return this;
    }

    /** Hands {@code fds} to the process as fds 3, 4, ...; the caller keeps owning them. */
    public Builder preservedFds(List<Fd> fds) {
      this.preservedFds = List.copyOf(fds);
      return this;
    }

    public Builder noPivot(boolean noPivot) {
      this.noPivot = noPivot;
      return this;
    }

    public Builder environment(List<String> environment) {
      this.environment = List.copyOf(environment);
      return this;
    }

    /** runc's --console-socket; null for none. */
    public Builder consoleSocket(ConsoleSocket consoleSocket) {
      this.consoleSocket = consoleSocket;
      return this;
    }

    /** See {@link CreateOptions#notifySocket()}. */
    public Builder notifySocket(boolean notifySocket) {
      this.notifySocket = notifySocket;
      return this;
    }

    public CreateOptions build() {
      return new CreateOptions(this);
    }
  }
}
