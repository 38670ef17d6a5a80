package io.capsa.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a container's stdin, stdout and stderr go: inherited from this JVM, files on the host
 * (stdin read from one; stdout and stderr appended to theirs, created 0644 when missing), or
 * pipes whose other ends the {@link Container} exposes as Java streams.
 */
public record Stdio(Redirect stdin, Redirect stdout, Redirect stderr) {
  public Stdio {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** One stream's destination. */
  public sealed interface Redirect {
    /** The JVM's own fd 0, 1 or 2. */
    record Inherit() implements Redirect {}

    /** A host file, opened by the runtime (its path is not resolved in the container). */
    record ToFile(Path path) implements Redirect {
      public ToFile {
        Objects.requireNonNull(path, "path");
      }
    }

    /** A pipe; the container end goes to the process, the other to {@link Container}. */
    record ToPipe() implements Redirect {}

    static Redirect inherit() {
      return new Inherit();
    }

    static Redirect file(Path path) {
      return new ToFile(path);
    }

    static Redirect pipe() {
      return new ToPipe();
    }
  }

  /** The JVM's stdin, stdout and stderr. */
  public static Stdio inherit() {
    return new Stdio(Redirect.inherit(), Redirect.inherit(), Redirect.inherit());
  }

  /**
   * Three pipes: write to {@link Container#stdin()}, read {@link Container#stdout()} and
   * {@link Container#stderr()} while the process runs, or it blocks once a pipe is full.
   */
  public static Stdio pipes() {
    return new Stdio(Redirect.pipe(), Redirect.pipe(), Redirect.pipe());
  }

  /** Stdin from {@code stdin}, stdout and stderr appended to {@code stdout} and {@code stderr}. */
  public static Stdio files(Path stdin, Path stdout, Path stderr) {
    return new Stdio(Redirect.file(stdin), Redirect.file(stdout), Redirect.file(stderr));
  }
}
