package io.capsa.init;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.List;

/** Renders a value that is one of several constants (a command, a resource) by its name. */
final class Choice implements ValueFormat {
  private final List<ArchConstant> choices;

  private Choice(List<ArchConstant> choices) {
    this.choices = List.copyOf(choices);
  }

  static Choice of(ArchConstant... choices) {
    return new Choice(List.of(choices));
  }

  @Override
  public String format(long value, Arch arch) {
    for (ArchConstant choice : choices) {
      if (choice.value(arch) == value) {
        return choice.name();
      }
    }
    return Long.toString(value);
  }
}
