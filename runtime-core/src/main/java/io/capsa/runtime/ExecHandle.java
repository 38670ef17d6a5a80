package io.capsa.runtime;

import io.capsa.sys.SyscallException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;

/** An {@link ExecProcess}: the exec'd process's {@link LiveInit} and its pid. */
final class ExecHandle implements ExecProcess {
  private final String containerId;
  private final int pid;
  private final LiveInit live;

  ExecHandle(String containerId, int pid, LiveInit live) {
    this.containerId = containerId;
    this.pid = pid;
    this.live = live;
  }

  @Override
  public int pid() {
    return pid;
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return live.exit();
  }

  @Override
  public void kill(Signal signal) {
    live.signal(signal.number());
  }

  @Override
  public OutputStream stdin() {
    return piped(live.stdio().stdin(), "stdin");
  }

  @Override
  public InputStream stdout() {
    return piped(live.stdio().stdout(), "stdout");
  }

  @Override
  public InputStream stderr() {
    return piped(live.stdio().stderr(), "stderr");
  }

  private <T> T piped(T stream, String name) {
    if (stream == null) {
      throw new IllegalStateException(this + " has no " + name
          + " pipe: it was not exec'd with Stdio.Redirect.ToPipe");
    }
    return stream;
  }

  @Override
  public void detach() {
    live.close();
  }

  @Override
  public void close() {
    try (LiveInit ends = live) {
      live.signal(Signal.KILL.number());
    } catch (SyscallException e) {
      RuntimeContext.LOG.log(Level.DEBUG, "killing " + this + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "process " + pid + " exec'd in container " + containerId;
  }
}
