package io.capsa.runtime.config;

import io.capsa.oci.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration the runtime refuses before any side effect, with every problem found. */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public InvalidConfigException(List<Problem> problems) {
    super("invalid container configuration: " + problems.stream()
        .map(p -> p.jsonPath() + ": " + p.message())
        .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
