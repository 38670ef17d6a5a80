package io.capsa.sys.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import io.capsa.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The way into the kernel: glibc's {@code syscall(2)} with the number from {@link Syscall} for
 * this host, so every call uses the per-architecture table and needs no glibc wrapper (openat2,
 * the mount API and the pidfd calls have none in older glibc). errno is captured by the
 * downcall itself, so no other call on this thread can overwrite it before it is read.
 */
final class Kernel {
  static final Arch HOST = Arch.current();
  static final Linker LINKER = Linker.nativeLinker();

  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final long ERRNO = NativeMemory.offset(CALL_STATE, "errno");
  private static final int EINTR = Errno.EINTR.number(HOST);
  private static final int MAX_ARGS = 6;

  /** long syscall(long number, ...): the number and six arguments; unused ones are ignored. */
  private static final MethodHandle SYSCALL =
      LINKER.downcallHandle(
          libcSymbol("syscall"),
          FunctionDescriptor.of(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
              JAVA_LONG),
          Linker.Option.firstVariadicArg(1),
          Linker.Option.captureCallState("errno"));

  private Kernel() {}

  /**
   * Makes {@code syscall} with up to six arguments (pointers as {@link MemorySegment#address()}),
   * retrying on EINTR except for close (Linux releases the descriptor even then, and a retry
   * could close one another thread just opened). Throws a {@link SyscallException} naming
   * {@code path}, which is only computed on failure; null when the call takes no path.
   */
  static long call(Syscall syscall, Supplier<String> path, long... args) {
    if (args.length > MAX_ARGS) {
      throw new IllegalArgumentException(syscall.kernelName() + " takes at most six arguments");
    }
    long[] a = Arrays.copyOf(args, MAX_ARGS);
    long number = syscall.number(HOST);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment callState = arena.allocate(CALL_STATE);
      while (true) {
        long result = invoke(callState, number, a);
        if (result != -1) {
          return result;
        }
        int errno = callState.get(JAVA_INT, ERRNO);
        if (errno != EINTR || syscall == Syscall.CLOSE) {
          throw new SyscallException(syscall.kernelName(), errno, path == null ? null : path.get());
        }
      }
    }
  }

  private static long invoke(MemorySegment callState, long number, long[] a) {
    try {
      return (long) SYSCALL.invokeExact(callState, number, a[0], a[1], a[2], a[3], a[4], a[5]);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("syscall(2) downcall failed", e);
    }
  }

  /** Like {@link #call} for a call that returns a descriptor or a count, which fit an int. */
  static int callInt(Syscall syscall, Supplier<String> path, long... args) {
    return Math.toIntExact(call(syscall, path, args));
  }

  /** The value of {@code constant} on this host. */
  static long constant(ArchConstant constant) {
    return HOST.constant(constant);
  }

  /** A function of this JVM's C library; fails naming {@code requirement} when it is absent. */
  static MemorySegment libcSymbol(String name, String requirement) {
    return LINKER
        .defaultLookup()
        .find(name)
        .orElseThrow(
            () ->
                new UnsatisfiedLinkError(
                    "the C library has no " + name + ": Capsa needs " + requirement));
  }

  static MemorySegment libcSymbol(String name) {
    return libcSymbol(name, "glibc");
  }
}
