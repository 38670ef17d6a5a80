package io.capsa.cli;

import io.capsa.oci.Capabilities;
import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.User;
import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ExecOptions;
import io.capsa.runtime.ExecProcess;
import io.capsa.runtime.Stdio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code capsa exec}: runs a process in a running container, from a process.json ({@code
 * --process}) or from the container's own process with the command and flags given, as runc
 * builds it. In the foreground it forwards signals, relays the caller's terminal for {@code
 * --tty}, waits and exits with the process's status (128 + the signal when a signal ended it);
 * with {@code --detach} it returns once the process runs. As in runc, its flags come before the
 * container id: everything after it is the command's ("sh -c" keeps its -c).
 */
final class ExecCommand implements Verb {
  static final Flag CWD = Flag.value("DIR", "current working directory in the container", "cwd");
  static final Flag ENV = Flag.value("KEY=VALUE", "set environment variables", "e", "env");
  static final Flag TTY = Flag.bool("allocate a pseudo-TTY", "t", "tty");
  static final Flag USER = Flag.value("UID[:GID]", "UID (format: <uid>[:<gid>])", "u", "user");
  static final Flag ADDITIONAL_GIDS = Flag.value("GID", "additional gids", "g",
      "additional-gids");
  static final Flag PROCESS = Flag.value("FILE", "path to the process.json", "p", "process");
  static final Flag DETACH = Flag.bool("detach from the container's process", "d", "detach");
  static final Flag PROCESS_LABEL = Flag.value("LABEL",
      "set the asm process label for the process commonly used with selinux", "process-label");
  static final Flag APPARMOR = Flag.value("PROFILE", "set the apparmor profile for the process",
      "apparmor");
  static final Flag NO_NEW_PRIVS = Flag.bool(
      "set the no new privileges value for the process", "no-new-privs");
  static final Flag CAP = Flag.value("CAP",
      "add a capability to the bounding set for the process", "c", "cap");
  static final Flag IGNORE_PAUSED = Flag.bool("allow exec in a paused container",
      "ignore-paused");
  static final List<Flag> FLAGS = List.of(ConsoleSocketOption.FLAG, CWD, ENV, TTY, USER,
      ADDITIONAL_GIDS, PROCESS, DETACH, PidFileOption.FLAG, PROCESS_LABEL, APPARMOR, NO_NEW_PRIVS,
      CAP, PreservedFds.FLAG, SubCgroupOption.FLAG, IGNORE_PAUSED);

  @Override
  public String name() {
    return "exec";
  }

  @Override
  public String summary() {
    return "execute new process inside the container";
  }

  @Override
  public Positionals positionals() {
    return new Positionals("<container-id> <command> [command options]", 1, Integer.MAX_VALUE);
  }

  @Override
  public List<Flag> flags() {
    return FLAGS;
  }

  @Override
  public boolean flagsEndAtPositional() {
    return true;
  }

  @Override
  public int run(Call call) throws InterruptedException {
    return new Execution(call).run();
  }

  /** The process to exec, as {@link Execution#process} builds it; for tests. */
  static ProcessConfig fromFlags(Arguments arguments, ProcessConfig base) {
    return new Execution(new Call(null, arguments, null, null)).fromFlags(base);
  }

  /** One exec: the command line's flags and what they ask for. */
  private static final class Execution {
    private final Call call;
    private final Arguments arguments;
    private final boolean detach;
    private final Path consoleSocket;

    Execution(Call call) {
      this.call = call;
      this.arguments = call.arguments();
      this.detach = arguments.has(DETACH);
      this.consoleSocket = arguments.path(ConsoleSocketOption.FLAG);
    }

    int run() throws InterruptedException {
      ExecOptions.Builder options = ExecOptions.builder();
      SubCgroupOption.path(arguments.values(SubCgroupOption.FLAG)).ifPresent(options::cgroup);
      Container container = call.capsa().runtime().load(call.id());
      PreservedFds.Handover handover = new PreservedFds(arguments.integer(PreservedFds.FLAG, 0))
          .handover(System.getenv(), ProcessHandle.current().pid());
      ProcessConfig process = withEnvironment(process(container), handover.environment());
      boolean terminal = Boolean.TRUE.equals(process.terminal());
      checkConsoleSocket(terminal);
      options.preservedFds(handover.fds()).ignorePaused(arguments.has(IGNORE_PAUSED));
      if (terminal && !detach) {
        return foregroundTerminal(container, process, options);
      }
      ExecProcess exec = container.exec(process, options
          .stdio(Stdio.inherit())
          .consoleSocket(consoleSocket == null ? null : ConsoleSocket.at(consoleSocket))
          .build());
      return followed(exec, null);
    }

    /** runc's rules: a socket only for a detached terminal, and a detached terminal needs one. */
    private void checkConsoleSocket(boolean terminal) {
      if (consoleSocket != null && (!detach || !terminal)) {
        throw new CliException(
            "cannot use console socket if capsa will not detach or allocate tty");
      }
      if (detach && terminal && consoleSocket == null) {
        throw new CliException("cannot allocate tty if capsa will detach without setting console"
            + " socket");
      }
    }

    /** The socket activation variables (LISTEN_FDS, LISTEN_PID) after the process's own. */
    private static ProcessConfig withEnvironment(ProcessConfig process, List<String> added) {
      if (added.isEmpty()) {
        return process;
      }
      List<String> environment =
          new ArrayList<>(process.env() == null ? List.of() : process.env());
      environment.addAll(added);
      return process.toBuilder().env(environment).build();
    }

    /** A terminal of the caller's size whose master comes back here and is relayed. */
    private int foregroundTerminal(Container container, ProcessConfig process,
        ExecOptions.Builder options) throws InterruptedException {
      try (TerminalRelay relay = TerminalRelay.open()) {
        ProcessConfig sized = process.consoleSize() != null ? process
            : process.toBuilder().consoleSize(relay.callerSize().orElse(null)).build();
        ExecProcess exec = container.exec(sized, options
            .consoleSocket(ConsoleSocket.of(relay.socket())).build());
        return followed(exec, relay);
      }
    }

    /**
     * Writes the pid file; then returns at once when detached, else waits for the exit, relaying
     * the terminal meanwhile when there is a {@code relay}.
     */
    private int followed(ExecProcess exec, TerminalRelay relay)
        throws InterruptedException {
      try {
        new PidFileOption(arguments.path(PidFileOption.FLAG)).write(exec.pid());
      } catch (RuntimeException e) {
        exec.close();
        throw e;
      }
      if (detach) {
        // capsa exits now and the process goes on as the host reaper's child: detach() would
        // start a thread to reap it that only holds up the JVM's exit.
        return 0;
      }
      SignalForwarding.to(exec);
      if (relay != null) {
        relay.start();
      }
      try {
        int code = exec.exit().get().code();
        if (relay != null) {
          relay.drain();
        }
        return code;
      } catch (ExecutionException e) {
        throw new ContainerException("waiting for an exec in", call.id(), e.getCause());
      }
    }

    /**
     * The process to exec: the --process file as it is, or the container's own process with
     * runc's changes: the command, --cwd, --env appended, --tty, --user, --additional-gids
     * appended, --cap added to the bounding, effective and permitted sets (and ambient when
     * the process has inheritable ones), --no-new-privs, --apparmor and --process-label.
     */
    ProcessConfig process(Container container) {
      Path processFile = arguments.path(PROCESS);
      if (processFile != null) {
        return OciJson.read(processFile, ProcessConfig.class);
      }
      if (command().isEmpty()) {
        throw new CliException("process args cannot be empty");
      }
      return fromFlags(container.process());
    }

    /** The command and its arguments: every positional argument after the container id. */
    private List<String> command() {
      List<String> positionals = arguments.positionals();
      return positionals.isEmpty() ? List.of() : positionals.subList(1, positionals.size());
    }

    ProcessConfig fromFlags(ProcessConfig base) {
      ProcessConfig.Builder process = base.toBuilder().args(command())
          .terminal(arguments.has(TTY));
      arguments.value(CWD).filter(cwd -> !cwd.isEmpty()).ifPresent(process::cwd);
      arguments.value(APPARMOR).filter(profile -> !profile.isEmpty())
          .ifPresent(process::apparmorProfile);
      arguments.value(PROCESS_LABEL).filter(label -> !label.isEmpty())
          .ifPresent(process::selinuxLabel);
      List<String> caps = arguments.values(CAP);
      if (!caps.isEmpty()) {
        process.capabilities(withAdded(base.capabilities(), caps));
      }
      List<String> environment = new ArrayList<>(base.env() == null ? List.of() : base.env());
      environment.addAll(arguments.values(ENV));
      process.env(environment);
      arguments.value(NO_NEW_PRIVS).map(Boolean::parseBoolean)
          .ifPresent(process::noNewPrivileges);
      process.user(user(base.user()));
      return process.build();
    }

    private static Capabilities withAdded(Capabilities base, List<String> added) {
      Capabilities given = base == null ? new Capabilities(null, null, null, null, null) : base;
      return new Capabilities(plus(given.bounding(), added), plus(given.effective(), added),
          given.inheritable(), plus(given.permitted(), added),
          given.inheritable() == null ? given.ambient() : plus(given.ambient(), added));
    }

    private static List<String> plus(List<String> names, List<String> added) {
      List<String> all = new ArrayList<>(names == null ? List.of() : names);
      all.addAll(added);
      return all;
    }

    /** runc's -u: uid[:gid] as decimal numbers, the gid kept when not given. */
    private User user(User base) {
      User given = base == null ? new User(0, 0) : base;
      Long uid = given.uid();
      Long gid = given.gid();
      String user = arguments.value(USER).orElse("");
      if (!user.isEmpty()) {
        int colon = user.indexOf(':');
        if (colon >= 0) {
          gid = id(user.substring(colon + 1), "gid");
        }
        uid = id(colon >= 0 ? user.substring(0, colon) : user, "uid");
      }
      List<Long> groups = new ArrayList<>(
          given.additionalGids() == null ? List.of() : given.additionalGids());
      for (String extra : arguments.values(ADDITIONAL_GIDS)) {
        groups.add(additionalGid(extra));
      }
      return new User(uid, gid, given.umask(), groups, given.username(), given.unknownFields());
    }

    /** Go's flag package's words for a value of an int slice that is no number. */
    private static long additionalGid(String text) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new UsageException("invalid value \"" + text + "\" for flag -"
            + ADDITIONAL_GIDS.longName() + ": parse error");
      }
    }

    private static long id(String text, String what) {
      try {
        long id = Long.parseLong(text);
        if (id < 0 || id > 0xfffffffeL) {
          throw new NumberFormatException("out of range");
        }
        return id;
      } catch (NumberFormatException e) {
        throw new CliException("parsing " + text + " as int for " + what + " failed: "
            + e.getMessage());
      }
    }
  }
}
