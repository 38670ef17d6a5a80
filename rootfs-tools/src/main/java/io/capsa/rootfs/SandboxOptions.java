package io.capsa.rootfs;

import io.capsa.oci.ConsoleSize;
import io.capsa.sys.HostSyscalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What {@code capsa sandbox [options] -- CMD ARGS...} asks for: the command and everything that
 * may differ from one sandbox to the next. Immutable; made with {@link #builder()}, whose setters
 * refuse a bad value at once with an {@link IllegalArgumentException} that names the option.
 *
 * <p>Defaults: no network (a new, empty network namespace), working directory {@code /}, host
 * name {@code sandbox}, a read-only root, no memory or pids limit, no PID-1 reaper, no terminal,
 * and the caller's effective uid and gid, as bubblewrap keeps them. Called as root, the command
 * runs as root inside, but with every capability set empty and no_new_privs: it owns root's files
 * on the volumes it is given and nothing more. The spec asks for no user namespace, so a caller
 * that is not root needs a runtime that runs containers rootless.
 */
public final class SandboxOptions {
  /** Whose network the sandbox uses. */
  public enum Network {
    /** A new network namespace: no interface but loopback, nothing reaches outside. */
    NONE,
    /** The host's network namespace, with its resolver files in /etc. */
    HOST
  }

  /** sethostname(2) takes at most HOST_NAME_MAX bytes. */
  private static final int HOST_NAME_MAX = 64;
  /** RFC 1123 labels, so that the name fits in /etc/hosts and means the same to every tool. */
  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  /** (uid_t) -1 means "no change" to the kernel, so the largest id is one below it. */
  private static final long MAX_ID = 0xFFFF_FFFEL;

  private final List<String> command;
  private final List<Volume> volumes;
  private final List<String> env;
  private final String cwd;
  private final String hostname;
  private final Network network;
  private final OptionalLong memoryLimit;
  private final OptionalLong pidsLimit;
  private final boolean reaper;
  private final boolean readOnlyRoot;
  private final boolean terminal;
  private final ConsoleSize consoleSize;
  private final long uid;
  private final long gid;

  private SandboxOptions(Builder b, long uid, long gid) {
    command = List.copyOf(b.command);
    volumes = List.copyOf(b.volumes);
    env = List.copyOf(b.env);
    cwd = b.cwd;
    hostname = b.hostname;
    network = b.network;
    memoryLimit = b.memoryLimit;
    pidsLimit = b.pidsLimit;
    reaper = b.reaper;
    readOnlyRoot = b.readOnlyRoot;
    terminal = b.terminal;
    consoleSize = b.consoleSize;
    this.uid = uid;
    this.gid = gid;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The program and its arguments; the program is looked up in PATH inside the sandbox. */
  public List<String> command() {
    return command;
  }

  /** In the order they are mounted, after the host view. */
  public List<Volume> volumes() {
    return volumes;
  }

  /** The caller's {@code KEY=value} entries, which override the sandbox's defaults. */
  public List<String> env() {
    return env;
  }

  public String cwd() {
    return cwd;
  }

  public String hostname() {
    return hostname;
  }

  public Network network() {
    return network;
  }

  /** In bytes; applied where the host has the memory controller. */
  public OptionalLong memoryLimit() {
    return memoryLimit;
  }

  /** The most tasks the sandbox may have; applied where the host has the pids controller. */
  public OptionalLong pidsLimit() {
    return pidsLimit;
  }

  /** Whether a PID-1 reaper runs the command, so that orphans are reaped and signals forwarded. */
  public boolean reaper() {
    return reaper;
  }

  /** Whether the root is read-only; volumes, /tmp and /dev are writable either way. */
  public boolean readOnlyRoot() {
    return readOnlyRoot;
  }

  /** Whether the command gets a pseudo-terminal ({@code process.terminal}). */
  public boolean terminal() {
    return terminal;
  }

  /** The terminal's first size ({@code process.consoleSize}), when the caller knows it. */
  public Optional<ConsoleSize> consoleSize() {
    return Optional.ofNullable(consoleSize);
  }

  public long uid() {
    return uid;
  }

  public long gid() {
    return gid;
  }

  /** Collects the options; every setter checks its value at once. */
  public static final class Builder {
    private final List<String> command = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private String cwd = "/";
    private String hostname = "sandbox";
    private Network network = Network.NONE;
    private OptionalLong memoryLimit = OptionalLong.empty();
    private OptionalLong pidsLimit = OptionalLong.empty();
    private boolean reaper;
    private boolean readOnlyRoot = true;
    private boolean terminal;
    private ConsoleSize consoleSize;
    private Long uid;
    private Long gid;

    private Builder() {}

    /** The program and its arguments, replacing any given before. */
    public Builder command(List<String> command) {
      if (command.isEmpty() || command.get(0).isEmpty()) {
        throw new IllegalArgumentException("the command is missing: give a program to run");
      }
      for (String arg : command) {
        refuseNul(arg, "the command argument \"" + arg.replace("\0", "\\0") + "\"");
      }
      this.command.clear();
      this.command.addAll(command);
      return this;
    }

    public Builder command(String... command) {
      return command(List.of(command));
    }

    /** Adds a volume, mounted after those added before it. */
    public Builder volume(Volume volume) {
      volumes.add(Objects.requireNonNull(volume, "volume"));
      return this;
    }

    /** Adds a {@code KEY=value} entry; a later entry for the same key wins. */
    public Builder env(String entry) {
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("invalid environment entry \"" + entry
            + "\": expected KEY=value");
      }
      if (equals == 0) {
        throw new IllegalArgumentException("invalid environment entry \"" + entry
            + "\": the variable name is empty");
      }
      refuseNul(entry, "the environment entry \"" + entry.replace("\0", "\\0") + "\"");
      env.add(entry);
      return this;
    }

    /** The absolute working directory inside the sandbox. */
    public Builder cwd(String cwd) {
      refuseNul(cwd, "the working directory");
      if (!cwd.startsWith("/")) {
        throw new IllegalArgumentException("invalid working directory \"" + cwd
            + "\": it must be an absolute path inside the sandbox");
      }
      this.cwd = cwd;
      return this;
    }

    public Builder hostname(String hostname) {
      if (hostname.getBytes(StandardCharsets.UTF_8).length > HOST_NAME_MAX
          || !HOST_NAME.matcher(hostname).matches()) {
        throw new IllegalArgumentException("invalid host name \"" + hostname.replace("\0", "\\0")
            + "\": use letters, digits, '-' and '.' (RFC 1123), at most " + HOST_NAME_MAX
            + " characters");
      }
      this.hostname = hostname;
      return this;
    }

    public Builder network(Network network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /** The memory limit in bytes, more than 0. */
    public Builder memoryLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("invalid memory limit " + bytes
            + ": it must be more than 0 bytes");
      }
      memoryLimit = OptionalLong.of(bytes);
      return this;
    }

    /** The most tasks (processes and threads) the sandbox may have, more than 0. */
    public Builder pidsLimit(long tasks) {
      if (tasks <= 0) {
        throw new IllegalArgumentException("invalid pids limit " + tasks
            + ": it must be more than 0");
      }
      pidsLimit = OptionalLong.of(tasks);
      return this;
    }

    public Builder reaper(boolean reaper) {
      this.reaper = reaper;
      return this;
    }

    public Builder readOnlyRoot(boolean readOnlyRoot) {
      this.readOnlyRoot = readOnlyRoot;
      return this;
    }

    public Builder terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    /** The terminal's first size, such as the caller's own terminal's. */
    public Builder consoleSize(ConsoleSize consoleSize) {
      this.consoleSize = Objects.requireNonNull(consoleSize, "consoleSize");
      return this;
    }

    /** The user and group the command runs as, numbers as the host knows them. */
    public Builder user(long uid, long gid) {
      checkId(uid, "uid");
      checkId(gid, "gid");
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    /**
     * The options; without {@link #user}, the caller's effective uid and gid.
     *
     * @throws IllegalArgumentException when no command was given
     */
    public SandboxOptions build() {
      if (command.isEmpty()) {
        throw new IllegalArgumentException("the command is missing: give a program to run");
      }
      if (uid == null) {
        HostSyscalls host = HostSyscalls.get();
        return new SandboxOptions(this, Integer.toUnsignedLong(host.geteuid()),
            Integer.toUnsignedLong(host.getegid()));
      }
      return new SandboxOptions(this, uid, gid);
    }

    private static void checkId(long id, String name) {
      if (id < 0 || id > MAX_ID) {
        throw new IllegalArgumentException("invalid " + name + " " + id + ": it must be from 0 to "
            + MAX_ID);
      }
    }

    private static void refuseNul(String text, String what) {
      if (text.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(what + " contains a NUL character");
      }
    }
  }
}
