package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.sys.ArchConstant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A change of per-mount attributes as mount_setattr(2) applies it: attributes to set, to
 * clear, and optionally a new access-time mode (which the kernel treats as one field).
 *
 * @param atime the access-time mode to switch to, null to leave it alone
 */
record MountAttributes(Set<Flag> set, Set<Flag> clear, Atime atime) {
  static final MountAttributes NONE = new MountAttributes(Set.of(), Set.of(), null);

  /** The on/off attributes of a mount. */
  enum Flag {
    RDONLY(MOUNT_ATTR_RDONLY, "ro"),
    NOSUID(MOUNT_ATTR_NOSUID, "nosuid"),
    NODEV(MOUNT_ATTR_NODEV, "nodev"),
    NOEXEC(MOUNT_ATTR_NOEXEC, "noexec"),
    NODIRATIME(MOUNT_ATTR_NODIRATIME, "nodiratime"),
    NOSYMFOLLOW(MOUNT_ATTR_NOSYMFOLLOW, "nosymfollow");

    final ArchConstant constant;
    final String option;

    Flag(ArchConstant constant, String option) {
      this.constant = constant;
      this.option = option;
    }
  }

  /** The access-time modes, mutually exclusive. */
  enum Atime {
    RELATIME(MOUNT_ATTR_RELATIME, "relatime"),
    NOATIME(MOUNT_ATTR_NOATIME, "noatime"),
    STRICTATIME(MOUNT_ATTR_STRICTATIME, "strictatime");

    final ArchConstant constant;
    final String option;

    Atime(ArchConstant constant, String option) {
      this.constant = constant;
      this.option = option;
    }
  }

  MountAttributes {
    set = Set.copyOf(set);
    clear = Set.copyOf(clear);
  }

  boolean isEmpty() {
    return set.isEmpty() && clear.isEmpty() && atime == null;
  }

  boolean sets(Flag flag) {
    return set.contains(flag);
  }

  /** The same change without {@code flag}, e.g. to apply a read-only flag later. */
  MountAttributes without(Flag flag) {
    Set<Flag> fewer = set.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(set);
    fewer.remove(flag);
    return new MountAttributes(fewer, clear, atime);
  }

  /** mount_attr.attr_set: the flags and the atime mode. */
  long setBits(InitProgramBuilder b) {
    long bits = atime == null ? 0 : b.constant(atime.constant);
    for (Flag flag : set) {
      bits |= b.constant(flag.constant);
    }
    return bits;
  }

  /** mount_attr.attr_clr: a new atime mode needs the whole atime field cleared. */
  long clearBits(InitProgramBuilder b) {
    long bits = atime == null ? 0 : b.constant(MOUNT_ATTR__ATIME);
    for (Flag flag : clear) {
      bits |= b.constant(flag.constant);
    }
    return bits;
  }

  /** What the change does, as mount options: "ro, nosuid, no nodev, relatime". */
  String describe() {
    String flags = set.stream().sorted().map(flag -> flag.option)
        .collect(Collectors.joining(", "));
    String cleared = clear.stream().sorted().map(flag -> "no " + flag.option)
        .collect(Collectors.joining(", "));
    return java.util.stream.Stream.of(flags, cleared, atime == null ? "" : atime.option)
        .filter(part -> !part.isEmpty()).collect(Collectors.joining(", "));
  }
}
