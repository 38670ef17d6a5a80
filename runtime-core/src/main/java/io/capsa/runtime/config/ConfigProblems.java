package io.capsa.runtime.config;

import io.capsa.oci.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a container's configuration, each problem with the JSON path of
 * the member at fault ({@code $.linux.namespaces[2].type}), so that one run of the checks
 * reports everything and nothing is touched until the configuration is clean.
 */
public final class ConfigProblems {

  private final List<Problem> problems = new ArrayList<>();

  public void add(String jsonPath, String message) {
    problems.add(new Problem(jsonPath, message));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  /** Throws {@link InvalidConfigException} naming every problem, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }
}
