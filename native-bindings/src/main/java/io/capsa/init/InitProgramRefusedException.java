package io.capsa.init;

import java.util.Optional;

/**
 * capsa-init refused a program before running any op: it was built for another architecture,
 * or its format does not match this capsa-init. A bug or a mismatched build, never the
 * container's fault; the message says which, e.g. {@code capsa-init refused the program: program
 * built for another architecture: ENOEXEC (Exec format error)}.
 */
public final class InitProgramRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int reasonCode;

  InitProgramRefusedException(InitProgram program, InitFailure failure) {
    super(failure.describe(program));
    this.reasonCode = failure.detail();
  }

  /** Why, when this Capsa knows the reason code capsa-init gave. */
  public Optional<InitFailure.Refusal> reason() {
    return InitFailure.Refusal.of(reasonCode);
  }
}
