package io.capsa.runtime.state;

import java.util.regex.Pattern;

/**
 * A container id, validated as runc validates it: letters, digits, {@code _ + - .}, not "." or
 * "..", so that it is always a single path element under the state root.
 */
public record ContainerId(String value) {

  private static final Pattern VALID = Pattern.compile("[\\w+.-]+");
  private static final int MAX_LENGTH = 1024;

  public ContainerId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("invalid container id: the id must not be empty");
    }
    if (value.length() > MAX_LENGTH || !VALID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException("invalid container id format: " + value
          + " (allowed: letters, digits, '_', '+', '-', '.'; at most " + MAX_LENGTH + " characters)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
