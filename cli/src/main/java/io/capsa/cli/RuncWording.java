package io.capsa.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/**
 * Error texts in the words runc's callers match on. Capsa names an errno with glibc's strerror
 * ("EPERM (Operation not permitted)", Java's "Permission denied"); Go, and so runc, writes the
 * same texts in lower case, and containerd, podman and scripts compare them case-sensitively.
 */
final class RuncWording {
  private static final Map<String, String> GO_TEXT = Map.of(
      "Operation not permitted", "operation not permitted",
      "Permission denied", "permission denied",
      "No such process", "no such process",
      "No such file or directory", "no such file or directory",
      "File exists", "file exists",
      "Device or resource busy", "device or resource busy",
      "Invalid argument", "invalid argument");

  private RuncWording() {}

  /**
   * An I/O failure as "PATH: reason": NIO names a file but leaves the reason to the exception's
   * type when it has a type of its own.
   */
  static String ioError(IOException failure) {
    if (!(failure instanceof FileSystemException fileSystem)) {
      return String.valueOf(failure.getMessage());
    }
    String reason = fileSystem.getReason();
    if (reason == null) {
      reason = failure instanceof NoSuchFileException ? "no such file or directory"
          : failure instanceof AccessDeniedException ? "permission denied"
          : failure instanceof FileAlreadyExistsException ? "file exists"
          : failure instanceof NotDirectoryException ? "not a directory"
          : failure instanceof DirectoryNotEmptyException ? "directory not empty"
          : failure.getClass().getSimpleName();
    }
    return fileSystem.getFile() + ": " + reason;
  }

  static String of(String message) {
    String worded = message;
    for (Map.Entry<String, String> entry : GO_TEXT.entrySet()) {
      worded = worded.replace(entry.getKey(), entry.getValue());
    }
    return worded;
  }
}
