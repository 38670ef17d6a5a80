package io.capsa.init;

import io.capsa.sys.Errno;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a failing op does to the program: stop it (the default), or carry on when the errno is
 * one of {@code tolerated}, leaving -errno in the op's slot for a later jump to test.
 */
public record ErrorPolicy(List<Errno> tolerated) {
  public static final ErrorPolicy FAIL = new ErrorPolicy(List.of());

  public ErrorPolicy {
    tolerated = List.copyOf(tolerated.isEmpty() ? tolerated : EnumSet.copyOf(tolerated));
  }

  public static ErrorPolicy tolerating(Errno... errnos) {
    return new ErrorPolicy(List.of(errnos));
  }

  public boolean tolerates(Errno errno) {
    return tolerated.contains(errno);
  }

  /** {@code fail} or {@code tolerate ENOENT,EEXIST}. */
  @Override
  public String toString() {
    return tolerated.isEmpty()
        ? "fail"
        : tolerated.stream().map(Enum::name).collect(Collectors.joining(",", "tolerate ", ""));
  }
}
