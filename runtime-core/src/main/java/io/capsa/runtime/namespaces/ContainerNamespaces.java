package io.capsa.runtime.namespaces;

import io.capsa.oci.IdMapping;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.sys.Arch;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The namespaces of a container, converted from {@code linux.namespaces} and validated by
 * {@link NamespaceConversion}: the types it gets new, the existing ones it joins by path, the id
 * mappings of a new user namespace and the clock offsets of a new time namespace.
 *
 * @param created the types unshared for the container
 * @param joined the namespaces joined by path, in configuration order
 * @param uidMappings written to uid_map of a new user namespace by the host
 * @param gidMappings written to gid_map of a new user namespace by the host
 * @param clockOffsets written to timens_offsets of a new time namespace, when configured
 */
public record ContainerNamespaces(Set<NamespaceType> created, List<JoinedNamespace> joined,
    List<IdMapping> uidMappings, List<IdMapping> gidMappings,
    Optional<ClockOffsets> clockOffsets) {

  public ContainerNamespaces {
    created = Collections.unmodifiableSet(created.isEmpty()
        ? EnumSet.noneOf(NamespaceType.class) : EnumSet.copyOf(created));
    joined = List.copyOf(joined);
    uidMappings = List.copyOf(uidMappings);
    gidMappings = List.copyOf(gidMappings);
  }

  /** Whether the container gets a new namespace of {@code type}. */
  public boolean creates(NamespaceType type) {
    return created.contains(type);
  }

  /** Whether the container has its own namespace of {@code type}, new or joined. */
  public boolean isPrivate(NamespaceType type) {
    return creates(type) || joinedOf(type).isPresent();
  }

  public Optional<JoinedNamespace> joinedOf(NamespaceType type) {
    return joined.stream().filter(ns -> ns.type() == type).findFirst();
  }

  /**
   * The CLONE_NEW* flags of the new namespaces other than the user namespace, unshared first,
   * and the cgroup namespace, which the init's clone3 makes.
   */
  public long unshareFlags(Arch arch) {
    long flags = 0;
    for (NamespaceType type : created) {
      if (type != NamespaceType.USER && type != NamespaceType.CGROUP) {
        flags |= arch.constant(NamespaceKind.cloneFlag(type));
      }
    }
    return flags;
  }
}
