package io.capsa.runtime.rootfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An absolute path inside the container, lexically cleaned ("." and ".." folded, as runc's
 * CleanPath does, ".." stopping at the root). It is only ever resolved relative to an fd of the
 * container's root with RESOLVE_IN_ROOT, never joined with a host path.
 *
 * @param components the names from the root down; empty for the root itself
 */
record ContainerPath(List<String> components) {
  static final ContainerPath ROOT = new ContainerPath(List.of());

  ContainerPath {
    components = List.copyOf(components);
  }

  /** The cleaned path, or empty when {@code raw} is not absolute or holds a NUL. */
  static Optional<ContainerPath> parse(String raw) {
    if (!raw.startsWith("/") || raw.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (String name : raw.split("/")) {
      if (name.equals("..")) {
        if (!names.isEmpty()) {
          names.remove(names.size() - 1);
        }
      } else if (!name.isEmpty() && !name.equals(".")) {
        names.add(name);
      }
    }
    return Optional.of(new ContainerPath(names));
  }

  /** {@code raw}, which the caller knows to be absolute. */
  static ContainerPath of(String raw) {
    return parse(raw).orElseThrow(() -> new IllegalArgumentException("not absolute: " + raw));
  }

  boolean isRoot() {
    return components.isEmpty();
  }

  /** The last name; the root has none. */
  String name() {
    return components.get(components.size() - 1);
  }

  ContainerPath parent() {
    return new ContainerPath(components.subList(0, components.size() - 1));
  }

  /** The first {@code count} names: the ancestor {@code count} levels below the root. */
  ContainerPath prefix(int count) {
    return new ContainerPath(components.subList(0, count));
  }

  /** The path without its leading slash, for *at calls relative to the root fd ("." for it). */
  String relative() {
    return isRoot() ? "." : String.join("/", components);
  }

  /** Whether this is {@code other} or lies below it. */
  boolean isWithin(ContainerPath other) {
    return components.size() >= other.components.size()
        && components.subList(0, other.components.size()).equals(other.components);
  }

  // equals and hashCode are written out: a record's own are bound through method handles at
  // their first call, which the AOT cache does not keep and which costs a capsa command
  // milliseconds; the mount planner compares and hashes paths on every create.
  @Override
  public boolean equals(Object other) {
    return other instanceof ContainerPath path && components.equals(path.components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }

  @Override
  public String toString() {
    return "/" + String.join("/", components);
  }
}
