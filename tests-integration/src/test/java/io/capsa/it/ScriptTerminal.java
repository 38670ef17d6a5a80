package io.capsa.it;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import io.capsa.sys.Termios;
import io.capsa.sys.WindowSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bash script running in the background on a terminal of its own: util-linux script(1) makes
 * a pty the script's controlling terminal, as a terminal emulator would, and copies what it
 * shows to a file the test reads while it runs. The test can look at the terminal's mode and
 * resize it as a user resizing the window would: the kernel then sends SIGWINCH to the
 * terminal's foreground processes. In the script "$CAPSA" is the launcher and "$ROOT" the
 * state root. Its stdin stays open until the end, so that script(1) types no end-of-file into
 * the terminal.
 */
final class ScriptTerminal implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 60;

  private final Process script;
  private final Path output;
  private final Path ttyName;

  private ScriptTerminal(Process script, Path output, Path ttyName) {
    this.script = script;
    this.output = output;
    this.ttyName = ttyName;
  }

  /** Starts {@code commands} under script(1), in {@code dir}. */
  static ScriptTerminal start(Path dir, CapsaCli cli, String commands) throws IOException {
    Path output = Files.createTempFile(dir, "terminal", ".out");
    Path ttyName = dir.resolve("terminal.tty");
    ProcessBuilder builder = new ProcessBuilder("script", "-qec",
        "tty > " + ttyName + "; " + commands, "/dev/null")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("CAPSA", CapsaProcess.launcher().toString());
    builder.environment().put("ROOT", cli.root().toString());
    return new ScriptTerminal(builder.start(), output, ttyName);
  }

  /** Waits until the terminal has shown {@code text}. */
  void awaitOutput(String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!output().contains(text)) {
      if (!script.isAlive() && !output().contains(text)) {
        throw new AssertionError("the script ended without showing \"" + text + "\": "
            + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" after " + TIMEOUT_SECONDS + " s: "
            + output());
      }
      Thread.sleep(50);
    }
  }

  /** The terminal's mode now. */
  Termios mode() throws IOException {
    try (Fd tty = open()) {
      return HostSyscalls.get().tcgetattr(tty);
    }
  }

  /** Resizes the terminal, as its window being resized would. */
  void resize(WindowSize size) throws IOException {
    try (Fd tty = open()) {
      HostSyscalls.get().setWindowSize(tty, size);
    }
  }

  private Fd open() throws IOException {
    Arch arch = Arch.current();
    String name = Files.readString(ttyName, StandardCharsets.UTF_8).trim();
    return HostSyscalls.get().openat2(Fd.cwd(), name, OpenHow.of(
        arch.constant(ArchConstant.O_RDWR) | arch.constant(ArchConstant.O_NOCTTY), 0));
  }

  /** The processes started on the terminal whose command line holds all of {@code words}. */
  List<ProcessHandle> processes(String... words) {
    return script.descendants().filter(process -> process.info().commandLine()
        .filter(line -> List.of(words).stream().allMatch(line::contains)).isPresent())
        .toList();
  }

  /** What the terminal showed. */
  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /** The script's exit status, once it has ended. */
  int exitCode() throws InterruptedException {
    if (!script.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the script still runs after " + TIMEOUT_SECONDS + " s");
    }
    return script.exitValue();
  }

  /** After a failed test: the script and everything it started, killed. */
  @Override
  public void close() throws IOException {
    script.descendants().forEach(ProcessHandle::destroyForcibly);
    script.destroyForcibly();
    script.getOutputStream().close();
  }
}
