package io.capsa.sys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The address of an AF_UNIX socket: a path in the filesystem, or a name in Linux's abstract
 * namespace, which has no file and disappears with the last socket bound to it. Checked when
 * made, so that a name no {@code sockaddr_un} can hold is refused before any call.
 *
 * @param name the path, or the abstract name without its leading NUL
 * @param isAbstract whether {@code name} is in the abstract namespace
 */
public record UnixAddress(String name, boolean isAbstract) {
  /** How the abstract namespace's leading NUL is written in NOTIFY_SOCKET and by Go's net. */
  private static final char ABSTRACT_PREFIX = '@';

  /**
   * @throws IllegalArgumentException for an empty name, a NUL in it, or more bytes than {@code
   *     sun_path} holds with the NUL before or after the name
   */
  public UnixAddress {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(describe(name, isAbstract)
          + " cannot be a unix socket address: it is empty or holds a NUL");
    }
    int capacity = sunPathSize() - 1;
    if (name.getBytes(StandardCharsets.UTF_8).length > capacity) {
      throw new IllegalArgumentException(describe(name, isAbstract)
          + " cannot be a unix socket address: longer than " + capacity + " bytes");
    }
  }

  /** A socket file at {@code path}. */
  public static UnixAddress path(String path) {
    return new UnixAddress(path, false);
  }

  /** A name in the abstract namespace. */
  public static UnixAddress abstractName(String name) {
    return new UnixAddress(name, true);
  }

  /**
   * An address as systemd writes it in NOTIFY_SOCKET (and Go's net package reads it): a leading
   * '@' stands for the abstract namespace, anything else is a path.
   */
  public static UnixAddress parse(String text) {
    return !text.isEmpty() && text.charAt(0) == ABSTRACT_PREFIX
        ? abstractName(text.substring(1))
        : path(text);
  }

  /**
   * The bytes of {@code sun_path} the kernel is given, whose count fixes the address length: a
   * path with its terminating NUL, an abstract name after its leading NUL.
   */
  public byte[] sunPath() {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (!isAbstract) {
      return Arrays.copyOf(bytes, bytes.length + 1);
    }
    byte[] withNul = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, withNul, 1, bytes.length);
    return withNul;
  }

  /** As {@link #parse} reads it: "@name" for an abstract name. */
  @Override
  public String toString() {
    return describe(name, isAbstract);
  }

  private static String describe(String name, boolean isAbstract) {
    return isAbstract ? ABSTRACT_PREFIX + name : name;
  }

  /** sizeof(sockaddr_un.sun_path) on this host. */
  private static int sunPathSize() {
    Arch arch = Arch.current();
    return (int) (arch.constant(ArchConstant.SIZEOF_STRUCT_SOCKADDR_UN)
        - arch.constant(ArchConstant.OFFSETOF_SOCKADDR_UN_SUN_PATH));
  }
}
