package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.sys.ArchConstant;
import java.util.Locale;
import java.util.Optional;

/** A mount propagation type, applied to one mount or (recursive) to its whole tree. */
record Propagation(Type type, boolean recursive) {

  enum Type {
    PRIVATE(MS_PRIVATE),
    SHARED(MS_SHARED),
    SLAVE(MS_SLAVE),
    UNBINDABLE(MS_UNBINDABLE);

    final ArchConstant constant;

    Type(ArchConstant constant) {
      this.constant = constant;
    }
  }

  /** The propagation a mount option names ("rslave"), as runc's table has them. */
  static Optional<Propagation> ofOption(String option) {
    boolean recursive = option.startsWith("r");
    String name = recursive ? option.substring(1) : option;
    for (Type type : Type.values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(new Propagation(type, recursive));
      }
    }
    return Optional.empty();
  }

  /** The MS_* flags of mount(2): the type, with MS_REC when recursive. */
  long mountFlags(InitProgramBuilder b) {
    return b.constant(type.constant) | (recursive ? b.constant(MS_REC) : 0);
  }

  /** mount_attr.propagation, which carries the type alone (recursion is AT_RECURSIVE). */
  long attrPropagation(InitProgramBuilder b) {
    return b.constant(type.constant);
  }

  @Override
  public String toString() {
    return (recursive ? "r" : "") + type.name().toLowerCase(Locale.ROOT);
  }
}
