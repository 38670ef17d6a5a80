package io.capsa.init;

/**
 * A position in a program that jumps refer to before it is known: created by
 * {@link InitProgramBuilder#label()}, placed by {@link InitProgramBuilder#bind(Label)} in front of
 * the next op (or at the end, where the program exits with status 0). Jumps only go forward.
 */
public final class Label {
  private final InitProgramBuilder owner;
  private final String name;
  private int target = -1;

  Label(InitProgramBuilder owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  InitProgramBuilder owner() {
    return owner;
  }

  boolean isBound() {
    return target >= 0;
  }

  void bindTo(int opIndex) {
    if (isBound()) {
      throw new IllegalStateException("label " + name + " is already bound to op " + target);
    }
    target = opIndex;
  }

  /** The op the label stands in front of; the label must be bound. */
  int target() {
    if (!isBound()) {
      throw new IllegalStateException("label " + name + " is used by a jump but never bound");
    }
    return target;
  }

  @Override
  public String toString() {
    return name;
  }
}
