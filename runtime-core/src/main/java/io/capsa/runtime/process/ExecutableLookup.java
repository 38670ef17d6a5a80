package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.AT_EACCESS;
import static io.capsa.sys.ArchConstant.OFFSETOF_STATX_MODE;
import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_STATX;
import static io.capsa.sys.ArchConstant.STATX_MODE;
import static io.capsa.sys.ArchConstant.STATX_TYPE;
import static io.capsa.sys.ArchConstant.S_IFMT;
import static io.capsa.sys.ArchConstant.S_IFREG;
import static io.capsa.sys.ArchConstant.X_OK;

import io.capsa.init.Arg;
import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the executable of {@code args[0]} inside the container the way runc does (Go's
 * exec.LookPath, run after pivot_root as the process's final user): a name with a slash is used
 * as it is but must be an executable regular file; any other name is looked for in each
 * directory of $PATH in turn, and the first executable regular file wins. Not finding one fails
 * the program at create time with runc's words, {@code exec: "NAME": executable file not found
 * in $PATH}; one found through a relative $PATH entry is refused, as Go does since 1.19.
 *
 * <p>A candidate is checked with statx (it must be a regular file) and faccessat2 with
 * AT_EACCESS (executable for the effective ids and capabilities, on a mount that allows exec).
 * The program stores a pointer to the winning path in the blob; {@link Target#execve} loads it.
 */
final class ExecutableLookup {
  /** The PATH of runc's example config, used when the process's environment has none. */
  static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** What a missing, unreadable or misnamed candidate fails with; the search goes on. */
  private static final Errno[] NOT_HERE = {Errno.ENOENT, Errno.ENOTDIR, Errno.EACCES,
      Errno.ELOOP, Errno.ENAMETOOLONG};

  private final String name;
  private final List<String> candidates;

  private ExecutableLookup(String name, List<String> candidates) {
    this.name = name;
    this.candidates = List.copyOf(candidates);
  }

  /** The lookup of {@code name} in {@code pathVariable} (absent: {@link #DEFAULT_PATH}). */
  static ExecutableLookup of(String name, Optional<String> pathVariable) {
    if (name.contains("/")) {
      return new ExecutableLookup(name, List.of());
    }
    Set<String> candidates = new LinkedHashSet<>();
    for (String directory : pathVariable.orElse(DEFAULT_PATH).split(":", -1)) {
      // As Go's filepath.Join: an empty entry is the working directory, the result is cleaned.
      candidates.add(Path.of(directory, name).normalize().toString());
    }
    return new ExecutableLookup(name, List.copyOf(candidates));
  }

  /** The paths tried in order; empty when the name is used as it is. */
  List<String> candidates() {
    return candidates;
  }

  /** Emits the search (or the check of a path given with a slash). */
  Target emit(InitProgramBuilder b) {
    FileChecks checks = new FileChecks(b);
    if (candidates.isEmpty()) {
      checks.requireExecutable(name, quoted() + ": stat " + name);
      return new KnownPath(name);
    }
    Arg.BlobRef chosen = b.buffer(8);
    Label found = b.label();
    for (String candidate : candidates) {
      Label next = b.label();
      checks.skipUnlessExecutable(candidate, "look for " + name + " at " + candidate, next);
      if (candidate.startsWith("/")) {
        b.store(b.string(candidate), chosen, 8).describedAs("use " + candidate);
        b.jump(found).describedAs("stop looking");
      } else {
        b.fail(Errno.EACCES, quoted() + ": cannot run executable found relative to current"
            + " directory");
      }
      b.bind(next);
    }
    b.fail(Errno.ENOENT, quoted() + ": executable file not found in $PATH");
    b.bind(found);
    return new FoundPath(chosen, name);
  }

  private String quoted() {
    return "exec: \"" + name + "\"";
  }

  /** How the process's execve names its executable. */
  sealed interface Target permits KnownPath, FoundPath {
    Step execve(InitProgramBuilder b, List<String> argv, List<String> envp);
  }

  /** A path given with a slash, known when the program is built. */
  record KnownPath(String path) implements Target {
    @Override
    public Step execve(InitProgramBuilder b, List<String> argv, List<String> envp) {
      return b.execve(path, argv, envp);
    }
  }

  /** A path the lookup found; {@code cell} holds a pointer to it. */
  record FoundPath(Arg.BlobRef cell, String name) implements Target {
    @Override
    public Step execve(InitProgramBuilder b, List<String> argv, List<String> envp) {
      Step path = b.load(cell, 8).describedAs("the path of " + name + " found in $PATH");
      return b.syscall(Syscall.EXECVE, path, b.stringArray(argv), b.stringArray(envp))
          .describedAs("execute " + name + " as found in $PATH");
    }
  }

  /** statx and faccessat2 checks sharing one statx buffer. */
  private static final class FileChecks {
    private final InitProgramBuilder b;
    private final Arg.Immediate cwd;
    private final Arg.BlobRef status;
    /** The file type is the top four bits of stx_mode: its high byte (little-endian). */
    private final Arg.BlobRef typeByte;
    private final long regularLow;
    private final long regularHigh;

    FileChecks(InitProgramBuilder b) {
      this.b = b;
      this.cwd = b.atFdcwd();
      this.status = b.buffer((int) b.constant(SIZEOF_STRUCT_STATX));
      this.typeByte = status.plus((int) b.constant(OFFSETOF_STATX_MODE) + 1);
      long regular = b.constant(S_IFREG);
      this.regularLow = regular >> 8;
      this.regularHigh = (regular | (~b.constant(S_IFMT) & 0xffff)) >> 8;
    }

    /** Jumps to {@code next} unless {@code path} is an executable regular file. */
    void skipUnlessExecutable(String path, String description, Label next) {
      Step found = statx(path).tolerating(NOT_HERE).describedAs(description);
      b.jumpIf(found, Condition.NE, 0, next).describedAs("next if " + path + " is missing");
      Step type = b.load(typeByte, 1).describedAs("file type of " + path);
      b.jumpIf(type, Condition.LT, regularLow, next)
          .describedAs("next if " + path + " is not a regular file");
      b.jumpIf(type, Condition.GT, regularHigh, next)
          .describedAs("next if " + path + " is not a regular file");
      Step access = faccessat2(path).tolerating(NOT_HERE);
      b.jumpIf(access, Condition.NE, 0, next)
          .describedAs("next if " + path + " is not executable");
    }

    /** Fails the program unless {@code path} is an executable regular file. */
    void requireExecutable(String path, String statDescription) {
      statx(path).describedAs(statDescription);
      Step type = b.load(typeByte, 1).describedAs("file type of " + path);
      Label notRegular = b.label();
      Label regular = b.label();
      b.jumpIf(type, Condition.LT, regularLow, notRegular)
          .describedAs("fail if " + path + " is not a regular file");
      b.jumpIf(type, Condition.LE, regularHigh, regular)
          .describedAs("go on if " + path + " is a regular file");
      b.bind(notRegular);
      b.fail(Errno.EACCES, "exec: \"" + path + "\": not a regular file");
      b.bind(regular);
      faccessat2(path).describedAs("exec: \"" + path + "\": check that it is executable");
    }

    private Step statx(String path) {
      return b.statx(cwd, path, 0, b.flags(STATX_TYPE, STATX_MODE), status);
    }

    private Step faccessat2(String path) {
      return b.faccessat2(cwd, path, b.constant(X_OK), b.constant(AT_EACCESS))
          .describedAs("check that " + path + " is executable");
    }
  }
}
