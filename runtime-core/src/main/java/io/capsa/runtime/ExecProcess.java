package io.capsa.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process {@link Container#exec exec}'d into a running container. It is this JVM's child
 * (clone3 with CLONE_PARENT), known by a pidfd, so its exit status comes from waitid on that
 * pidfd and no other reaper takes it. Safe to use from any thread.
 */
public interface ExecProcess extends AutoCloseable {

  /** Its pid in this JVM's pid namespace. */
  int pid();

  /**
   * Completes when the process exits, with its status (128 + the signal for a signal); the
   * thread that waits for it starts at the first call, or at {@link #detach()} or close.
   */
  CompletableFuture<ExitStatus> exit();

  /** Sends {@code signal} through the pidfd; nothing once the process has been reaped. */
  void kill(Signal signal);

  /** The process's stdin when exec'd with {@link Stdio.Redirect.ToPipe}. */
  OutputStream stdin();

  /** The process's stdout when exec'd with {@link Stdio.Redirect.ToPipe}. */
  InputStream stdout();

  /** The process's stderr when exec'd with {@link Stdio.Redirect.ToPipe}. */
  InputStream stderr();

  /**
   * Lets the process run on its own: closes this handle's ends of the stdio pipes. The process
   * is still reaped by this JVM when it ends (runc's --detach, where the caller then exits).
   */
  void detach();

  /** Kills the process if it still runs and closes this handle's ends of its pipes. */
  @Override
  void close();
}
