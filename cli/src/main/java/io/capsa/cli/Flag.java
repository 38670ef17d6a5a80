package io.capsa.cli;

import java.util.List;
import java.util.Objects;

/**
 * A flag of capsa or of one verb, as runc's command line has them: one or more names, given
 * with one dash or two ({@code -b}, {@code --bundle}, {@code -bundle}), and a value or none.
 *
 * @param names the names without dashes, the short one first ("b", "bundle")
 * @param valueLabel what the value is ("DIR"), or null for a flag that is on or off
 */
record Flag(List<String> names, String valueLabel, String description) {

  Flag {
    names = List.copyOf(names);
  }

  /** A flag taking a value: {@code --bundle DIR} or {@code --bundle=DIR}. */
  static Flag value(String valueLabel, String description, String... names) {
    return new Flag(List.of(names), valueLabel, description);
  }

  /** A flag that is on when given: {@code --detach}, or {@code --detach=false} to say off. */
  static Flag bool(String description, String... names) {
    return new Flag(List.of(names), null, description);
  }

  boolean takesValue() {
    return valueLabel != null;
  }

  boolean isNamed(String name) {
    return names.contains(name);
  }

  /** The name an error quotes: the longest, as runc quotes its flags ("-bundle"). */
  String longName() {
    String longest = names.get(0);
    for (String name : names) {
      if (name.length() > longest.length()) {
        longest = name;
      }
    }
    return longest;
  }

  /** "-b, --bundle DIR" as help lists it. */
  String synopsis() {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(name.length() == 1 ? "-" : "--").append(name);
    }
    return takesValue() ? text + " " + valueLabel : text.toString();
  }

  // equals and hashCode are written out: a record's own are bound through method handles at
  // their first call, which the AOT cache does not keep and which costs every capsa command
  // milliseconds; the parser keys the flags it reads by Flag.
  @Override
  public boolean equals(Object other) {
    return other instanceof Flag flag && names.equals(flag.names)
        && Objects.equals(valueLabel, flag.valueLabel)
        && Objects.equals(description, flag.description);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }
}
