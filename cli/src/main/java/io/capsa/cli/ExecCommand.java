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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa exec}: runs a process in a running container, from a process.json ({@code
 * --process}) or from the container's own process with the command and flags given, as runc
 * builds it. In the foreground it forwards signals, relays the caller's terminal for {@code
 * --tty}, waits and exits with the process's status (128 + the signal when a signal ended it);
 * with {@code --detach} it returns once the process runs.
 */
@Command(name = "exec", description = "execute new process inside the container")
final class ExecCommand implements Callable<Integer> {

  @ParentCommand Capsa capsa;

  @Mixin ConsoleSocketOption consoleSocket;

  @Mixin PidFileOption pidFile;

  @Mixin PreservedFds preservedFds;

  @Option(names = {"-p", "--process"}, paramLabel = "FILE",
      description = "path to the process.json")
  Path processFile;

  @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
  boolean detach;

  @Option(names = {"-t", "--tty"}, description = "allocate a pseudo-TTY")
  Boolean tty;

  @Option(names = "--cwd", paramLabel = "DIR",
      description = "current working directory in the container")
  String cwd;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
      description = "set environment variables")
  List<String> env = new ArrayList<>();

  @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]",
      description = "UID (format: <uid>[:<gid>])")
  String user;

  @Option(names = {"-g", "--additional-gids"}, paramLabel = "GID",
      description = "additional gids")
  List<Long> additionalGids = new ArrayList<>();

  @Option(names = {"-c", "--cap"}, paramLabel = "CAP",
      description = "add a capability to the bounding set for the process")
  List<String> caps = new ArrayList<>();

  @Option(names = "--no-new-privs", description = "set the no new privileges value for the process")
  Boolean noNewPrivs;

  @Option(names = "--process-label", paramLabel = "LABEL",
      description = "set the asm process label for the process commonly used with selinux")
  String processLabel;

  @Option(names = "--apparmor", paramLabel = "PROFILE",
      description = "set the apparmor profile for the process")
  String apparmor;

  @Option(names = "--cgroup", paramLabel = "PATH",
      description = "run the process in an (existing) sub-cgroup(s): not supported until Capsa"
          + " manages cgroups")
  List<String> cgroups = new ArrayList<>();

  @Option(names = "--ignore-paused", description = "allow exec in a paused container")
  boolean ignorePaused;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Parameters(index = "1..*", paramLabel = "<command>", description = "the command and its args")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    if (!cgroups.isEmpty()) {
      throw new CliException("exec --cgroup is not supported: Capsa does not manage cgroups yet");
    }
    Container container = capsa.runtime().load(id);
    PreservedFds.Handover handover =
        preservedFds.handover(System.getenv(), ProcessHandle.current().pid());
    ProcessConfig process = withEnvironment(process(container), handover.environment());
    boolean terminal = Boolean.TRUE.equals(process.terminal());
    checkConsoleSocket(terminal);
    ExecOptions.Builder options = ExecOptions.builder().preservedFds(handover.fds())
        .ignorePaused(ignorePaused);
    if (terminal && !detach) {
      return foregroundTerminal(container, process, options);
    }
    ExecProcess exec = container.exec(process, options
        .stdio(Stdio.inherit())
        .consoleSocket(consoleSocket.consoleSocket == null ? null
            : ConsoleSocket.at(consoleSocket.consoleSocket))
        .build());
    return followed(exec, null);
  }

  /** runc's rules: a socket only for a detached terminal, and a detached terminal needs one. */
  private void checkConsoleSocket(boolean terminal) {
    if (consoleSocket.consoleSocket != null && (!detach || !terminal)) {
      throw new CliException("cannot use console socket if capsa will not detach or allocate tty");
    }
    if (detach && terminal && consoleSocket.consoleSocket == null) {
      throw new CliException("cannot allocate tty if capsa will detach without setting console"
          + " socket");
    }
  }

  /** The socket activation variables (LISTEN_FDS, LISTEN_PID) after the process's own. */
  private static ProcessConfig withEnvironment(ProcessConfig process, List<String> added) {
    if (added.isEmpty()) {
      return process;
    }
    List<String> environment = new ArrayList<>(process.env() == null ? List.of() : process.env());
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
      pidFile.write(exec.pid());
    } catch (RuntimeException e) {
      exec.close();
      throw e;
    }
    if (detach) {
      exec.detach();
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
      throw new ContainerException("waiting for an exec in", id, e.getCause());
    }
  }

  /**
   * The process to exec: the --process file as it is, or the container's own process with
   * runc's changes: the command, --cwd, --env appended, --tty, --user, --additional-gids
   * appended, --cap added to the bounding, effective and permitted sets (and ambient when
   * the process has inheritable ones), --no-new-privs, --apparmor and --process-label.
   */
  ProcessConfig process(Container container) {
    if (processFile != null) {
      return OciJson.read(processFile, ProcessConfig.class);
    }
    if (command.isEmpty()) {
      throw new CliException("process args cannot be empty");
    }
    return fromFlags(container.process());
  }

  ProcessConfig fromFlags(ProcessConfig base) {
    ProcessConfig.Builder process = base.toBuilder().args(command).terminal(Boolean.TRUE.equals(tty));
    if (cwd != null && !cwd.isEmpty()) {
      process.cwd(cwd);
    }
    if (apparmor != null && !apparmor.isEmpty()) {
      process.apparmorProfile(apparmor);
    }
    if (processLabel != null && !processLabel.isEmpty()) {
      process.selinuxLabel(processLabel);
    }
    if (!caps.isEmpty()) {
      process.capabilities(withAdded(base.capabilities(), caps));
    }
    List<String> environment = new ArrayList<>(base.env() == null ? List.of() : base.env());
    environment.addAll(env);
    process.env(environment);
    if (noNewPrivs != null) {
      process.noNewPrivileges(noNewPrivs);
    }
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
    if (user != null && !user.isEmpty()) {
      int colon = user.indexOf(':');
      if (colon >= 0) {
        gid = id(user.substring(colon + 1), "gid");
      }
      uid = id(colon >= 0 ? user.substring(0, colon) : user, "uid");
    }
    List<Long> groups = new ArrayList<>(
        given.additionalGids() == null ? List.of() : given.additionalGids());
    groups.addAll(additionalGids);
    return new User(uid, gid, given.umask(), groups, given.username(), given.unknownFields());
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
