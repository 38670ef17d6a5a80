package io.capsa.sys;

import java.util.Optional;

/**
 * A system call the host made failed. The message names the call, the path it was given (when
 * there is one) and the error, e.g. {@code openat2 /run/capsa/x/rootfs/proc: ENOENT (No such file
 * or directory)}, so that a log line alone tells what went wrong where.
 */
public class SyscallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String syscall;
  private final int errnoNumber;
  private final Arch arch;
  private final String path;

  /** A failure of {@code syscall} on {@code path} (null when the call takes none) on this host. */
  public SyscallException(String syscall, int errnoNumber, String path) {
    this(syscall, errnoNumber, path, Arch.current());
  }

  /** A failure reported by a process of {@code arch}, whose errno numbers are that arch's. */
  public SyscallException(String syscall, int errnoNumber, String path, Arch arch) {
    this(message(syscall, errnoNumber, path, arch), syscall, errnoNumber, path, arch);
  }

  /** For a failure whose message says more than the call, e.g. which step of a program it was. */
  protected SyscallException(
      String message, String syscall, int errnoNumber, String path, Arch arch) {
    super(message);
    this.syscall = syscall;
    this.errnoNumber = errnoNumber;
    this.path = path;
    this.arch = arch;
  }

  private static String message(String syscall, int errnoNumber, String path, Arch arch) {
    return syscall + (path == null ? "" : " " + path) + ": " + Errno.describe(errnoNumber, arch);
  }

  /** The kernel's name of the call, e.g. "openat2". */
  public String syscall() {
    return syscall;
  }

  public int errnoNumber() {
    return errnoNumber;
  }

  /** The error by name; empty for a number no header of the arch names. */
  public Optional<Errno> errno() {
    return Errno.of(errnoNumber, arch);
  }

  public boolean is(Errno errno) {
    return errno.number(arch) == errnoNumber;
  }

  /** glibc's strerror text, e.g. "No such file or directory". */
  public String strerror() {
    return errno().map(Errno::description).orElse("Unknown error " + errnoNumber);
  }

  /** The path the call was given, if it takes one. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }
}
