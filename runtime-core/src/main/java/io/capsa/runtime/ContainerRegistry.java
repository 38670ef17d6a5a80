package io.capsa.runtime;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers this JVM created with one runtime, by id, so that loading one by id returns
 * the handle that knows its init as a child (its pidfd, exit status and streams).
 */
final class ContainerRegistry {
  private final ConcurrentHashMap<String, ContainerHandle> created = new ConcurrentHashMap<>();

  void add(ContainerHandle container) {
    created.put(container.id(), container);
  }

  void remove(ContainerHandle container) {
    created.remove(container.id(), container);
  }

  Optional<ContainerHandle> find(String id) {
    return Optional.ofNullable(created.get(id));
  }
}
