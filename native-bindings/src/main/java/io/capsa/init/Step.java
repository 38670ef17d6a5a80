package io.capsa.init;

import io.capsa.sys.Errno;

/**
 * The op a builder method just added. Use it as an argument to refer to the op's result (an fd,
 * a pid), and to adjust the op: {@code b.mkdirat(root, "dev", 0755).tolerating(Errno.EEXIST)}.
 */
public final class Step implements Operand {
  private final InitProgramBuilder owner;
  private final int index;

  Step(InitProgramBuilder owner, int index) {
    this.owner = owner;
    this.index = index;
  }

  public int index() {
    return index;
  }

  public Arg.SlotRef slot() {
    return new Arg.SlotRef(index);
  }

  @Override
  public Arg asArg() {
    return slot();
  }

  InitProgramBuilder owner() {
    return owner;
  }

  /** Lets the program go on when the op fails with one of {@code errnos}. */
  public Step tolerating(Errno... errnos) {
    owner.setPolicy(index, ErrorPolicy.tolerating(errnos));
    return this;
  }

  /** Replaces the description the builder made up; errors and rendered programs show it. */
  public Step describedAs(String description) {
    owner.setDescription(index, description);
    return this;
  }
}
