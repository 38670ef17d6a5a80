package io.capsa.sys;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file descriptor of this process, either owned (closing it closes the descriptor, exactly
 * once) or borrowed (closing it does nothing: stdio, {@code AT_FDCWD}, a descriptor someone else
 * owns).
 *
 * <p>A type rather than a bare int so that try-with-resources closes what a call opened even when
 * a later call fails, and so that a descriptor used after close fails loudly here instead of
 * silently naming whatever the kernel reused its number for.
 */
public final class Fd implements AutoCloseable {
  private final int number;
  private final HostSyscalls owner;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Fd(int number, HostSyscalls owner) {
    this.number = number;
    this.owner = owner;
  }

  /** Takes ownership of {@code number}: {@link #close()} closes it through {@code owner}. */
  public static Fd owned(int number, HostSyscalls owner) {
    if (number < 0) {
      throw new IllegalArgumentException("not a file descriptor: " + number);
    }
    return new Fd(number, owner);
  }

  /** Refers to {@code number} without owning it; {@link #close()} leaves it open. */
  public static Fd borrowed(int number) {
    return new Fd(number, null);
  }

  /** The directory argument meaning "relative to the working directory" for the *at calls. */
  public static Fd cwd() {
    return borrowed((int) Arch.current().constant(ArchConstant.AT_FDCWD));
  }

  /** The descriptor's number; fails once this Fd is closed, since the number may be reused. */
  public int number() {
    if (closed.get()) {
      throw new IllegalStateException("fd " + number + " is already closed");
    }
    return number;
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Closes an owned descriptor; later calls do nothing. A failing close is still reported
   * (EBADF means a bug elsewhere closed it), but the descriptor counts as closed either way,
   * because Linux releases it even when close fails.
   */
  @Override
  public void close() {
    if (owner != null && closed.compareAndSet(false, true)) {
      owner.close(number);
    }
  }

  @Override
  public String toString() {
    return (owner == null ? "borrowed fd " : "fd ") + number + (closed.get() ? " (closed)" : "");
  }
}
