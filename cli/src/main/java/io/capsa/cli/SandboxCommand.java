package io.capsa.cli;

import io.capsa.rootfs.SandboxBundle;
import io.capsa.rootfs.SandboxOptions;
import io.capsa.rootfs.SandboxOptions.Network;
import io.capsa.rootfs.Volume;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.CreateOptions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capsa sandbox [options] -- CMD ARGS...}: runs a command in a throwaway container whose
 * root is a read-only view of the host (see io.capsa.rootfs.SandboxPlan), exits with its status
 * (128 + the signal when a signal ended it) and leaves nothing behind: the container is deleted
 * under the state root, then its bundle is removed, also when capsa is interrupted.
 */
@Command(name = "sandbox", modelTransformer = SandboxCommand.StopAtCommand.class,
    description = {"run a command in a throwaway container that sees the host's programs "
        + "read-only, with its own /tmp, no network and no privileges",
        "Example: capsa sandbox -v $PWD:/work -w /work -- make test"})
final class SandboxCommand implements Callable<Integer> {

  /** The first word that is not an option starts the command, so "--" may be left out. */
  static final class StopAtCommand implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      spec.parser().stopAtPositional(true);
      return spec;
    }
  }

  @ParentCommand Capsa capsa;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro]",
      description = "bind-mount the host's SRC at DST, writable unless :ro (repeatable)")
  List<String> volumes = new ArrayList<>();

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
      description = "set an environment variable (repeatable); PATH, TERM=xterm and HOME=/tmp "
          + "are set unless given")
  List<String> env = new ArrayList<>();

  @Option(names = {"-w", "--cwd"}, paramLabel = "DIR",
      description = "the working directory inside the sandbox (default: /)")
  String cwd;

  @Option(names = "--hostname", paramLabel = "NAME",
      description = "the sandbox's host name (default: sandbox)")
  String hostname;

  @Option(names = "--net", paramLabel = "none|host",
      description = "none: a network namespace with only lo (default); host: the host's network")
  Network network = Network.NONE;

  @Option(names = "--memory", paramLabel = "SIZE", converter = ByteSize.Converter.class,
      description = "memory limit, such as 256m (k, m, g, t: powers of 1024); needs the cgroup "
          + "v2 memory controller")
  ByteSize memory;

  @Option(names = "--pids", paramLabel = "N",
      description = "most processes and threads; needs the cgroup v2 pids controller")
  Long pids;

  @Option(names = "--reaper",
      description = "run the command under a PID-1 reaper that reaps orphans and forwards "
          + "signals")
  boolean reaper;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "the command and its arguments")
  List<String> command;

  @Override
  public Integer call() throws InterruptedException {
    capsa.refuseSystemdCgroup();
    SandboxOptions options = options();
    SandboxLimits.forThisHost().check(memory, pids);
    SandboxSignals signals = SandboxSignals.install(SandboxSignals.GRACE);
    String id = "sandbox-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try (SandboxBundle bundle = SandboxBundle.create(options);
        Container container = capsa.runtime().create(id, bundle.directory(),
            CreateOptions.defaults())) {
      signals.attach(container);
      container.start();
      return container.exit().get().code();
    } catch (ExecutionException e) {
      throw new ContainerException("waiting for", id, e.getCause());
    }
  }

  /** The options as given; a bad value fails here, naming the option, before anything is made. */
  private SandboxOptions options() {
    SandboxOptions.Builder builder = SandboxOptions.builder().command(command)
        .network(network).reaper(reaper);
    volumes.forEach(volume -> builder.volume(Volume.parse(volume)));
    env.forEach(builder::env);
    if (cwd != null) {
      builder.cwd(cwd);
    }
    if (hostname != null) {
      builder.hostname(hostname);
    }
    if (memory != null) {
      builder.memoryLimit(memory.bytes());
    }
    if (pids != null) {
      builder.pidsLimit(pids);
    }
    return builder.build();
  }
}
