package io.capsa.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * runc's --pid-file: the init's host pid, without a newline, written to a hidden file next to
 * the target and renamed over it, so that a reader (containerd's shim polls it) never sees a
 * partial number.
 */
final class PidFileOption {
  static final Flag FLAG = Flag.value("FILE", "specify the file to write the process id to",
      "pid-file");

  private final Path pidFile;

  PidFileOption(Path pidFile) {
    this.pidFile = pidFile;
  }

  void write(int pid) {
    if (pidFile == null) {
      return;
    }
    Path target = pidFile.toAbsolutePath().normalize();
    Path temporary = target.resolveSibling("." + target.getFileName());
    boolean created = false;
    try {
      Files.writeString(temporary, Integer.toString(pid), StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      created = true;
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("writing pid file " + target, e);
      if (created) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw failure;
    }
  }
}
