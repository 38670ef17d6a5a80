package io.capsa.runtime.cgroups;

import java.util.Objects;
import java.util.Set;

/**
 * One rule of a device allow/deny list: which devices it covers (a type, a major and a minor
 * number, each possibly "any") and which kinds of access it allows or denies.
 *
 * @param type {@link Type#ALL} covers character and block devices alike
 * @param major null for any major number
 * @param minor null for any minor number
 */
public record DeviceRule(boolean allow, Type type, Long major, Long minor, Set<Access> access) {

  /** The device types a rule names, as the spec spells them. */
  public enum Type {
    ALL('a'),
    CHAR('c'),
    BLOCK('b');

    private final char letter;

    Type(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }
  }

  /** The kinds of access, as the spec spells them. */
  public enum Access {
    READ('r'),
    WRITE('w'),
    MKNOD('m');

    private final char letter;

    Access(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }
  }

  public DeviceRule {
    Objects.requireNonNull(type, "type");
    access = Set.copyOf(access);
  }

  /** Whether the rule covers every device: type "a" and no numbers. */
  public boolean coversAllDevices() {
    return type == Type.ALL && major == null && minor == null;
  }

  /** The spec's notation, e.g. {@code allow c 1:3 rwm} or {@code deny a *:* w}. */
  @Override
  public String toString() {
    StringBuilder letters = new StringBuilder();
    for (Access kind : Access.values()) {
      if (access.contains(kind)) {
        letters.append(kind.letter());
      }
    }
    return (allow ? "allow " : "deny ") + type.letter() + " "
        + (major == null ? "*" : major) + ":" + (minor == null ? "*" : minor) + " " + letters;
  }
}
