package io.capsa.sys;

/**
 * A child started by {@link HostSyscalls#spawn}: its pid (for logs and /proc, never for signals)
 * and a pidfd, which is how it is signalled and waited for. The pid cannot be reused while the
 * child is unreaped, and only a waitid on this pidfd reaps it.
 */
public record SpawnedProcess(int pid, Fd pidfd) implements AutoCloseable {
  /** Closes the pidfd; an unreaped child stays a zombie until this JVM exits. */
  @Override
  public void close() {
    pidfd.close();
  }
}
