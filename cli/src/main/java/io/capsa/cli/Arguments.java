package io.capsa.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags and positional arguments one part of a command line gave (capsa's or a verb's). A
 * flag given more than once keeps every value, in order: a repeatable flag ({@code exec -e})
 * reads them all, any other its last, as Go's flag package has it.
 */
final class Arguments {
  /** Every value each flag was given, in order; the last one counts unless all are asked for. */
  private final Map<Flag, List<String>> values = new HashMap<>();
  private final List<String> positionals;

  Arguments(Map<Flag, List<String>> values, List<String> positionals) {
    values.forEach((flag, given) -> this.values.put(flag, List.copyOf(given)));
    this.positionals = List.copyOf(positionals);
  }

  static Arguments none() {
    return new Arguments(Map.of(), List.of());
  }

  /** For a flag without a value: whether it is on; for one with a value: whether it is given. */
  boolean has(Flag flag) {
    String value = last(flag);
    return value != null && (flag.takesValue() || !value.equals("false"));
  }

  /** The flag's value, the last one when it was given more than once. */
  Optional<String> value(Flag flag) {
    return Optional.ofNullable(last(flag));
  }

  /** Every value a repeatable flag was given, in order; empty when it was not given. */
  List<String> values(Flag flag) {
    return values.getOrDefault(flag, List.of());
  }

  private String last(Flag flag) {
    List<String> given = values.get(flag);
    return given == null || given.isEmpty() ? null : given.get(given.size() - 1);
  }

  /** The flag's value as a path, or null when it is not given. */
  Path path(Flag flag) {
    return value(flag).map(Path::of).orElse(null);
  }

  /** The flag's value as a number, {@code fallback} when it is not given. */
  int integer(Flag flag, int fallback) {
    String value = last(flag);
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
