package io.capsa.cli;

/** A command line capsa cannot run: answered with the error, the usage, and exit status 1. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
