package io.capsa.cli;

import io.capsa.rootfs.SandboxBundle;
import io.capsa.rootfs.SandboxOptions;
import io.capsa.rootfs.SandboxOptions.Network;
import io.capsa.rootfs.Volume;
import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.cgroups.MissingControllersException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code capsa sandbox [options] [--] CMD ARGS...}: runs a command in a throwaway container
 * whose root is a read-only view of the host (see io.capsa.rootfs.SandboxPlan), exits with its
 * status (128 + the signal when a signal ended it) and leaves nothing behind: the container is
 * deleted under the state root, then its bundle is removed, also when capsa is interrupted.
 */
final class SandboxCommand implements Verb {
  static final Flag VOLUME = Flag.value("SRC:DST[:ro]",
      "bind-mount the host's SRC at DST, writable unless :ro (repeatable)", "v", "volume");
  static final Flag ENV = Flag.value("KEY=VALUE", "set an environment variable (repeatable); "
      + "PATH, TERM=xterm and HOME=/tmp are set unless given", "e", "env");
  static final Flag CWD = Flag.value("DIR", "the working directory inside the sandbox "
      + "(default: /)", "w", "cwd");
  static final Flag HOSTNAME = Flag.value("NAME", "the sandbox's host name (default: sandbox)",
      "hostname");
  static final Flag NET = Flag.value("none|host", "none: a network namespace with only lo "
      + "(default); host: the host's network", "net");
  static final Flag MEMORY = Flag.value("SIZE", "memory limit, such as 256m or 1.5g (powers "
      + "of 1024); needs the cgroup v2 memory controller", "memory");
  static final Flag PIDS = Flag.value("N", "most processes and threads; needs the cgroup v2 "
      + "pids controller", "pids");
  static final Flag REAPER = Flag.bool("run the command under a PID-1 reaper that reaps orphans"
      + " and forwards signals", "reaper");
  static final Flag TTY = Flag.bool("give the command a pseudo-terminal, relayed to this one",
      "t", "tty");

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public String summary() {
    return "run a command in a throwaway container that sees the host's programs read-only, "
        + "with its own /tmp, no network and no privileges";
  }

  @Override
  public Positionals positionals() {
    return new Positionals("[--] CMD [ARGS...]", 1, Integer.MAX_VALUE);
  }

  @Override
  public List<Flag> flags() {
    return List.of(VOLUME, ENV, CWD, HOSTNAME, NET, MEMORY, PIDS, REAPER, TTY);
  }

  /** The command is the first argument, so its own options are its own: {@code sandbox ls -l}. */
  @Override
  public boolean flagsEndAtPositional() {
    return true;
  }

  @Override
  public int run(Call call) throws InterruptedException {
    call.capsa().refuseSystemdCgroup();
    Arguments arguments = call.arguments();
    try (TerminalRelay relay = arguments.has(TTY) ? TerminalRelay.open() : null) {
      SandboxOptions options = options(arguments, relay);
      SandboxSignals signals = SandboxSignals.install();
      String id = "sandbox-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      CreateOptions.Builder create = CreateOptions.builder();
      if (relay != null) {
        create.consoleSocket(ConsoleSocket.of(relay.socket()));
      }
      try (SandboxBundle bundle = SandboxBundle.create(options);
          Container container = create(call, id, bundle, create.build())) {
        return runToItsEnd(container, signals, relay);
      }
    }
  }

  /**
   * The sandbox's container; where the host cannot apply --memory or --pids (and resource limits
   * are not ignored), the runtime refuses it before making anything, and the refusal names the
   * option.
   */
  private static Container create(Call call, String id, SandboxBundle bundle,
      CreateOptions options) {
    try {
      return call.capsa().runtime().create(id, bundle.directory(), options);
    } catch (MissingControllersException e) {
      Arguments arguments = call.arguments();
      throw new SandboxLimits(arguments.value(MEMORY).orElse(null),
          arguments.value(PIDS).orElse(null)).refusal(e);
    }
  }

  /**
   * Starts the command unless a signal came first, relaying its terminal when there is a
   * {@code relay}; its status, or 128 + the signal's.
   */
  private static int runToItsEnd(Container container, SandboxSignals signals,
      TerminalRelay relay) throws InterruptedException {
    try {
      OptionalInt interrupted = signals.attach(container);
      if (interrupted.isPresent()) {
        return 128 + interrupted.getAsInt();
      }
      return ForegroundRun.startAndWait(container, relay);
    } finally {
      signals.detach();
    }
  }

  /**
   * The options as given, with the caller's terminal size when there is a {@code relay}; a bad
   * value fails here, naming the option, before anything is made.
   */
  private static SandboxOptions options(Arguments arguments, TerminalRelay relay) {
    SandboxOptions.Builder builder = SandboxOptions.builder()
        .command(arguments.positionals())
        .network(network(arguments.value(NET).orElse("none")))
        .reaper(arguments.has(REAPER))
        .terminal(relay != null);
    if (relay != null) {
      relay.callerSize().ifPresent(builder::consoleSize);
    }
    arguments.values(VOLUME).forEach(volume -> builder.volume(Volume.parse(volume)));
    arguments.values(ENV).forEach(builder::env);
    arguments.value(CWD).ifPresent(builder::cwd);
    arguments.value(HOSTNAME).ifPresent(builder::hostname);
    arguments.value(MEMORY).ifPresent(
        memory -> builder.memoryLimit(RamBytes.parse("--memory", memory)));
    arguments.value(PIDS).ifPresent(pids -> builder.pidsLimit(pids(pids)));
    return builder.build();
  }

  private static Network network(String value) {
    return switch (value) {
      case "none" -> Network.NONE;
      case "host" -> Network.HOST;
      default -> throw new UsageException("invalid value \"" + value + "\" for flag -net: none"
          + " or host");
    };
  }

  private static long pids(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException("invalid value \"" + value + "\" for flag -pids: parse error");
    }
  }
}
