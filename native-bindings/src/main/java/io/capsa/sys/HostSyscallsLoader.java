package io.capsa.sys;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the implementation of {@link HostSyscalls} for this JVM. The FFM implementation is
 * compiled for Java 22 and loaded by name, so that this Java 17 code links on any JDK and a JDK
 * too old for it gets a sentence instead of an UnsupportedClassVersionError.
 */
final class HostSyscallsLoader {
  private static final int FFM_FEATURE_VERSION = 22;
  private static final String FFM_IMPLEMENTATION = "io.capsa.sys.ffm.FfmHostSyscalls";

  private HostSyscallsLoader() {}

  /** Holds the outcome of the first load, so a failure is reported the same way every time. */
  private static final class Shared {
    static final HostSyscalls INSTANCE;
    static final RuntimeException FAILURE;

    static {
      HostSyscalls instance = null;
      RuntimeException failure = null;
      try {
        instance = load();
      } catch (RuntimeException e) {
        failure = e;
      }
      INSTANCE = instance;
      FAILURE = failure;
    }
  }

  static HostSyscalls shared() {
    if (Shared.FAILURE != null) {
      throw new UnsupportedOperationException(Shared.FAILURE.getMessage(), Shared.FAILURE);
    }
    return Shared.INSTANCE;
  }

  static HostSyscalls load() {
    int feature = Runtime.version().feature();
    if (feature < FFM_FEATURE_VERSION) {
      throw new UnsupportedOperationException(
          "Capsa's host system calls need Java "
              + FFM_FEATURE_VERSION
              + " or newer (java.lang.foreign);"
              + " this JVM is Java "
              + feature
              + " at "
              + System.getProperty("java.home"));
    }
    try {
      return (HostSyscalls) Class.forName(FFM_IMPLEMENTATION).getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("cannot load " + FFM_IMPLEMENTATION, e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "cannot load "
              + FFM_IMPLEMENTATION
              + " (is native-bindings built with its java-ffm sources?)",
          e);
    }
  }
}
