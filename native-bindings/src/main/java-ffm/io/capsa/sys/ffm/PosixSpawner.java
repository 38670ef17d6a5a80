package io.capsa.sys.ffm;

import static io.capsa.sys.ArchConstant.F_DUPFD_CLOEXEC;
import static io.capsa.sys.ArchConstant.POSIX_SPAWN_SETSIGDEF;
import static io.capsa.sys.ArchConstant.POSIX_SPAWN_SETSIGMASK;
import static io.capsa.sys.ArchConstant.SIZEOF_POSIX_SPAWNATTR_T;
import static io.capsa.sys.ArchConstant.SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T;
import static io.capsa.sys.ArchConstant.SIZEOF_SIGSET_T;
import static io.capsa.sys.ffm.Kernel.constant;
import static io.capsa.sys.ffm.NativeMemory.cString;
import static io.capsa.sys.ffm.NativeMemory.cStringArray;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.capsa.sys.Fd;
import io.capsa.sys.SpawnRequest;
import io.capsa.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a program with glibc's posix_spawn, which runs the child on its own stack with
 * CLONE_VM|CLONE_VFORK until execve: the JVM is never copied, so no half-alive JVM can hang in
 * the child (the failure mode of fork from a multi-threaded process), and the calling thread
 * simply waits in native code until the child has exec'd or failed.
 *
 * <p>The child's descriptors are set by file actions: each mapped descriptor is first copied to
 * a number above every child number (so one dup2 cannot overwrite the source of another), the
 * copies are dup2'ed into place, the unmapped numbers below are closed, and closefrom closes
 * everything above. Its signal mask is emptied and every signal set to its default, so it does
 * not inherit the JVM's blocked or ignored signals (SIGPIPE, ...).
 */
final class PosixSpawner {
  private static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
  private static final FunctionDescriptor INT_OF_POINTER_INT =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);

  private static final MethodHandle POSIX_SPAWN =
      libc(
          "posix_spawn",
          FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  private static final MethodHandle ACTIONS_INIT =
      libc("posix_spawn_file_actions_init", INT_OF_POINTER);
  private static final MethodHandle ACTIONS_DESTROY =
      libc("posix_spawn_file_actions_destroy", INT_OF_POINTER);
  private static final MethodHandle ACTIONS_ADD_DUP2 =
      libc(
          "posix_spawn_file_actions_adddup2",
          FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle ACTIONS_ADD_CLOSE =
      libc("posix_spawn_file_actions_addclose", INT_OF_POINTER_INT);
  private static final MethodHandle ACTIONS_ADD_CLOSEFROM =
      Kernel.LINKER.downcallHandle(
          Kernel.libcSymbol("posix_spawn_file_actions_addclosefrom_np", "glibc 2.34 or newer"),
          INT_OF_POINTER_INT);
  private static final MethodHandle ATTR_INIT = libc("posix_spawnattr_init", INT_OF_POINTER);
  private static final MethodHandle ATTR_DESTROY = libc("posix_spawnattr_destroy", INT_OF_POINTER);
  private static final MethodHandle ATTR_SET_FLAGS =
      libc("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
  private static final MethodHandle ATTR_SET_SIGMASK =
      libc("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle ATTR_SET_SIGDEFAULT =
      libc("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

  /** The opaque glibc types, sized by the table and aligned like the pointers inside them. */
  private static final MemoryLayout FILE_ACTIONS_T =
      MemoryLayout.sequenceLayout(
          constant(SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T) / Long.BYTES, JAVA_LONG);
  private static final MemoryLayout SPAWNATTR_T =
      MemoryLayout.sequenceLayout(constant(SIZEOF_POSIX_SPAWNATTR_T) / Long.BYTES, JAVA_LONG);
  private static final MemoryLayout SIGSET_T =
      MemoryLayout.sequenceLayout(constant(SIZEOF_SIGSET_T) / Long.BYTES, JAVA_LONG);

  private PosixSpawner() {}

  private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
    return Kernel.LINKER.downcallHandle(Kernel.libcSymbol(name), descriptor);
  }

  /** Spawns the program and returns its pid; the caller opens the pidfd. */
  static int spawn(SpawnRequest request) {
    int closeFrom = request.closeFrom();
    try (SourceCopies copies = new SourceCopies()) {
      for (Map.Entry<Integer, Fd> mapping : request.childFds().entrySet()) {
        copies.byChildFd.put(
            mapping.getKey(),
            DescriptorCalls.fcntl(mapping.getValue().number(), F_DUPFD_CLOEXEC, closeFrom));
      }
      return spawnWithCopies(request, copies.byChildFd, closeFrom);
    }
  }

  /**
   * The close-on-exec copies of the mapped descriptors, numbered above every child number; the
   * child gets them by dup2, this process closes them once posix_spawn has returned.
   */
  private static final class SourceCopies implements AutoCloseable {
    final Map<Integer, Integer> byChildFd = new HashMap<>();

    @Override
    public void close() {
      SyscallException failure = null;
      for (int fd : byChildFd.values()) {
        try {
          DescriptorCalls.close(fd);
        } catch (SyscallException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static int spawnWithCopies(
      SpawnRequest request, Map<Integer, Integer> copies, int closeFrom) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment actions = arena.allocate(FILE_ACTIONS_T);
      check("posix_spawn_file_actions_init", () -> (int) ACTIONS_INIT.invokeExact(actions));
      try {
        MemorySegment attributes = arena.allocate(SPAWNATTR_T);
        check("posix_spawnattr_init", () -> (int) ATTR_INIT.invokeExact(attributes));
        try {
          addFileActions(actions, copies, closeFrom);
          resetSignals(arena, attributes);
          MemorySegment pid = arena.allocate(JAVA_INT);
          MemorySegment path = cString(arena, request.path());
          MemorySegment argv = cStringArray(arena, request.argv());
          MemorySegment envp = cStringArray(arena, request.env());
          check(
              "posix_spawn",
              request.path(),
              () -> (int) POSIX_SPAWN.invokeExact(pid, path, actions, attributes, argv, envp));
          return pid.get(JAVA_INT, 0);
        } finally {
          check("posix_spawnattr_destroy", () -> (int) ATTR_DESTROY.invokeExact(attributes));
        }
      } finally {
        check("posix_spawn_file_actions_destroy", () -> (int) ACTIONS_DESTROY.invokeExact(actions));
      }
    }
  }

  private static void addFileActions(
      MemorySegment actions, Map<Integer, Integer> copies, int closeFrom) {
    for (int child = 0; child < closeFrom; child++) {
      int target = child;
      Integer copy = copies.get(child);
      if (copy != null) {
        check(
            "posix_spawn_file_actions_adddup2",
            () -> (int) ACTIONS_ADD_DUP2.invokeExact(actions, (int) copy, target));
      } else {
        check(
            "posix_spawn_file_actions_addclose",
            () -> (int) ACTIONS_ADD_CLOSE.invokeExact(actions, target));
      }
    }
    check(
        "posix_spawn_file_actions_addclosefrom_np",
        () -> (int) ACTIONS_ADD_CLOSEFROM.invokeExact(actions, closeFrom));
  }

  private static void resetSignals(Arena arena, MemorySegment attributes) {
    // A sigset_t is a bit mask. sigfillset would leave out glibc's internal signals (32, 33),
    // which posix_spawn then sets to SIG_IGN in the child, an ignored disposition that would
    // survive execve; every bit set resets those to SIG_DFL too.
    MemorySegment noSignals = arena.allocate(SIGSET_T);
    MemorySegment allSignals = arena.allocate(SIGSET_T).fill((byte) 0xff);
    check(
        "posix_spawnattr_setsigmask",
        () -> (int) ATTR_SET_SIGMASK.invokeExact(attributes, noSignals));
    check(
        "posix_spawnattr_setsigdefault",
        () -> (int) ATTR_SET_SIGDEFAULT.invokeExact(attributes, allSignals));
    short flags = (short) (constant(POSIX_SPAWN_SETSIGMASK) | constant(POSIX_SPAWN_SETSIGDEF));
    check("posix_spawnattr_setflags", () -> (int) ATTR_SET_FLAGS.invokeExact(attributes, flags));
  }

  /** A glibc function that returns 0 or an error number (posix_spawn* do not set errno). */
  @FunctionalInterface
  private interface ErrorNumberCall {
    int invoke() throws Throwable;
  }

  private static void check(String function, ErrorNumberCall call) {
    check(function, null, call);
  }

  private static void check(String function, String path, ErrorNumberCall call) {
    int error;
    try {
      error = call.invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(function + " downcall failed", e);
    }
    if (error != 0) {
      throw new SyscallException(function, error, path);
    }
  }
}
