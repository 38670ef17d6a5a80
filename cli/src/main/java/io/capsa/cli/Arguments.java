package io.capsa.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The flags and positional arguments one part of a command line gave (capsa's or a verb's). */
final class Arguments {
  private final Map<Flag, String> values = new HashMap<>();
  private final List<String> positionals;

  Arguments(Map<Flag, String> values, List<String> positionals) {
    this.values.putAll(values);
    this.positionals = List.copyOf(positionals);
  }

  static Arguments none() {
    return new Arguments(Map.of(), List.of());
  }

  /** For a flag without a value: whether it is on; for one with a value: whether it is given. */
  boolean has(Flag flag) {
    String value = values.get(flag);
    return value != null && (flag.takesValue() || !value.equals("false"));
  }

  Optional<String> value(Flag flag) {
    return Optional.ofNullable(values.get(flag));
  }

  /** The flag's value as a path, or null when it is not given. */
  Path path(Flag flag) {
    return value(flag).map(Path::of).orElse(null);
  }

  /** The flag's value as a number, {@code fallback} when it is not given. */
  int integer(Flag flag, int fallback) {
    String value = values.get(flag);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException("invalid value \"" + value + "\" for flag -" + flag.longName()
          + ": parse error");
    }
  }

  List<String> positionals() {
    return positionals;
  }

  /** The positional argument at {@code index}, {@code fallback} when there are fewer. */
  String positional(int index, String fallback) {
    return index < positionals.size() ? positionals.get(index) : fallback;
  }
}
