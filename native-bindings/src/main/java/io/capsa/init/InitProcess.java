package io.capsa.init;

import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SpawnedProcess;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * A capsa-init started by {@link InitLauncher}: signalled and waited for through its pidfd, and
 * heard from once on its error channel, which ends either empty (the program reached its final
 * execve, or ended without failing) or with one error record.
 */
public final class InitProcess implements AutoCloseable {
  private final HostSyscalls host;
  private final InitProgram program;
  private final SpawnedProcess process;
  private final Fd errorChannel;
  /** What the error channel said; null until it has been read to its end. */
  private Optional<InitFailure> failure;

  InitProcess(HostSyscalls host, InitProgram program, SpawnedProcess process, Fd errorChannel) {
    this.host = host;
    this.program = program;
    this.process = process;
    this.errorChannel = errorChannel;
  }

  /** The pid, for logs and /proc; signals go through {@link #signal(int)}. */
  public int pid() {
    return process.pid();
  }

  /** The pidfd, owned by this process handle. */
  public Fd pidfd() {
    return process.pidfd();
  }

  public InitProgram program() {
    return program;
  }

  /**
   * Waits until capsa-init has exec'd the program's final execve (or ended without an error
   * record, e.g. after an exit op or killed by a signal: {@link #waitFor()} tells which).
   *
   * @throws InitOpFailedException when an op failed, naming it
   * @throws InitProgramRefusedException when capsa-init refused the program
   */
  public synchronized void awaitExec() {
    if (failure == null) {
      failure = InitFailure.fromChannel(readToEnd(errorChannel));
      errorChannel.close();
    }
    failure.ifPresent(this::throwFor);
  }

  private byte[] readToEnd(Fd channel) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[InitFailure.RECORD_SIZE];
    for (int n; (n = host.read(channel, buffer, 0, buffer.length)) > 0; ) {
      received.write(buffer, 0, n);
    }
    return received.toByteArray();
  }

  private void throwFor(InitFailure record) {
    if (record.refused()) {
      throw new InitProgramRefusedException(program, record);
    }
    if (record.opIndex() < 0 || record.opIndex() >= program.ops().size()) {
      throw new IllegalStateException(record.describe(program));
    }
    throw new InitOpFailedException(program, record);
  }

  /** Waits for capsa-init, or the program it exec'd, to end, and reaps it. */
  public ChildStatus waitFor() {
    return host.awaitExit(process.pidfd());
  }

  /** Sends {@code signal} through the pidfd, so it can only reach this process. */
  public void signal(int signal) {
    host.pidfdSendSignal(process.pidfd(), signal);
  }

  /** Closes the error channel and the pidfd; a process not waited for stays a zombie. */
  @Override
  public void close() {
    try (process) {
      errorChannel.close();
    }
  }
}
