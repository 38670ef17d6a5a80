package io.capsa.runtime.hooks;

import static io.capsa.sys.ArchConstant.SIGKILL;

import io.capsa.oci.Hook;
import io.capsa.sys.Arch;
import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.Pipe;
import io.capsa.sys.SpawnRequest;
import io.capsa.sys.SpawnedProcess;
import io.capsa.sys.SyscallException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the hooks that execute in the runtime's namespaces (prestart, createRuntime, poststart,
 * poststop) one after the other: each is spawned with its path, its args as argv (args[0] is
 * argv[0], which is why this uses posix_spawn rather than ProcessBuilder), its env and nothing
 * else, the container's state on stdin, and stdout and stderr captured for the error message.
 * A hook past its timeout is killed.
 */
public final class HostHookRunner {
  private static final System.Logger LOG = System.getLogger(HostHookRunner.class.getName());
  /** How much of a failed hook's output an error message quotes. */
  private static final int OUTPUT_QUOTED = 4096;
  private static final ExecutorService WAITERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "capsa-hook-waiter");
    thread.setDaemon(true);
    return thread;
  });

  private final HostSyscalls host;

  public HostHookRunner(HostSyscalls host) {
    this.host = host;
  }

  /** Runs {@code hooks} of {@code phase} in order; the first failure stops the rest. */
  public void run(HookPhase phase, List<Hook> hooks, byte[] state) {
    for (int i = 0; i < hooks.size(); i++) {
      runOne(phase, i, hooks.get(i), state);
    }
  }

  /**
   * Runs every hook of {@code phase}, whatever the others do, and returns the failures: for
   * poststop, whose failures the runtime-spec has logged as warnings while the rest go on.
   */
  public List<HookFailedException> runAll(HookPhase phase, List<Hook> hooks, byte[] state) {
    List<HookFailedException> failures = new ArrayList<>();
    for (int i = 0; i < hooks.size(); i++) {
      try {
        runOne(phase, i, hooks.get(i), state);
      } catch (HookFailedException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  private void runOne(HookPhase phase, int index, Hook hook, byte[] state) {
    LOG.log(Level.DEBUG, "running {0} hook {1}: {2}", phase.jsonName(), index, hook.path());
    Arch arch = Arch.current();
    try (Pipe stdin = host.pipe2(0);
        Fd output = host.memfdCreate("capsa-hook-output", 0)) {
      SpawnedProcess process;
      try {
        process = host.spawn(new SpawnRequest(hook.path(), ContainerHooks.argv(hook),
            hook.env() == null ? List.of() : hook.env(),
            Map.of(0, stdin.readEnd(), 1, output, 2, output)));
      } catch (SyscallException e) {
        throw new HookFailedException(phase, index, hook.path(), "could not be started: "
            + e.getMessage(), e);
      }
      try (process) {
        stdin.readEnd().close();
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(
            () -> feed(stdin.writeEnd(), state), WAITERS);
        ChildStatus status = awaitExit(phase, index, hook, process, arch);
        feeding.join();
        if (!(status.exited() && status.status() == 0)) {
          throw new HookFailedException(phase, index, hook.path(),
              status + outputQuote(output), null);
        }
      }
    }
  }

  /** Writes the state and closes stdin; a hook that exits without reading it is fine. */
  private void feed(Fd stdin, byte[] state) {
    try (stdin) {
      host.writeFully(stdin, state);
    } catch (SyscallException e) {
      LOG.log(Level.DEBUG, "a hook did not read all of its stdin: {0}", e.getMessage());
    }
  }

  private ChildStatus awaitExit(HookPhase phase, int index, Hook hook, SpawnedProcess process,
      Arch arch) {
    CompletableFuture<ChildStatus> exit = CompletableFuture.supplyAsync(
        () -> host.awaitExit(process.pidfd()), WAITERS);
    try {
      return hook.timeout() == null ? exit.get() : exit.get(hook.timeout(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      host.pidfdSendSignal(process.pidfd(), (int) arch.constant(SIGKILL));
      exit.join();
      throw new HookFailedException(phase, index, hook.path(),
          "timed out after " + hook.timeout() + "s and was killed", null);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + phase.jsonName() + " hook " + index
          + " (" + hook.path() + "): " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      host.pidfdSendSignal(process.pidfd(), (int) arch.constant(SIGKILL));
      exit.join();
      Thread.currentThread().interrupt();
      throw new HookFailedException(phase, index, hook.path(), "was interrupted and killed", e);
    }
  }

  /** The start of what the hook wrote, read through a fresh open of the memfd at offset 0. */
  private static String outputQuote(Fd output) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc/self/fd/" + output.number()));
      if (bytes.length == 0) {
        return "";
      }
      String text = new String(bytes, 0, Math.min(bytes.length, OUTPUT_QUOTED),
          StandardCharsets.UTF_8).strip();
      return ": " + text + (bytes.length > OUTPUT_QUOTED ? " [...]" : "");
    } catch (IOException e) {
      return " (its output could not be read: " + e.getMessage() + ")";
    }
  }
}
