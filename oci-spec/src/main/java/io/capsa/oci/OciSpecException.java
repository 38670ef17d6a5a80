package io.capsa.oci;

import java.util.List;
import java.util.stream.Collectors;

/** A document that does not fit the spec; its message lists every problem with its JSON path. */
public class OciSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  /**
   * @param summary what was invalid, such as {@code invalid Spec document /bundle/config.json}
   * @param problems every problem found, at least one
   */
  public OciSpecException(String summary, List<Problem> problems) {
    super(message(summary, problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(String summary, List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an OciSpecException needs at least one problem");
    }
    return problems.stream()
        .map(Problem::toString)
        .collect(Collectors.joining("\n  ", summary + ":\n  ", ""));
  }
}
