package io.capsa.runtime.namespaces;

import io.capsa.oci.IdMapping;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.TimeOffset;
import io.capsa.oci.linux.TimeOffsets;
import io.capsa.runtime.config.ConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Converts {@code linux.namespaces}, the id mappings and the time offsets of a {@link Spec} into
 * {@link ContainerNamespaces}, adding every problem with its JSON path to a
 * {@link ConfigProblems}. Reads nothing but whether the kernel has each namespace type.
 */
public final class NamespaceConversion {
  /** The kernel's limit on lines in uid_map and gid_map (linux/user_namespace.h). */
  static final int MAX_MAPPINGS = 340;
  private static final long UINT32_LIMIT = 1L << 32;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Predicate<NamespaceType> kernelHas;

  /** A conversion that asks /proc/self/ns which namespace types this kernel has. */
  public NamespaceConversion() {
    this(type -> Files.exists(Path.of("/proc/self/ns", NamespaceKind.procName(type))));
  }

  /** A conversion for a kernel that has exactly the types {@code kernelHas} accepts. */
  public NamespaceConversion(Predicate<NamespaceType> kernelHas) {
    this.kernelHas = kernelHas;
  }

  public ContainerNamespaces convert(Spec spec, ConfigProblems problems) {
    Linux linux = spec.linux();
    List<Namespace> entries = orEmpty(linux == null ? null : linux.namespaces());
    Set<NamespaceType> created = EnumSet.noneOf(NamespaceType.class);
    List<JoinedNamespace> joined = new ArrayList<>();
    Map<NamespaceType, Integer> firstIndex = new EnumMap<>(NamespaceType.class);
    for (int i = 0; i < entries.size(); i++) {
      Namespace entry = entries.get(i);
      String at = "$.linux.namespaces[" + i + "]";
      Integer earlier = firstIndex.putIfAbsent(entry.type(), i);
      if (earlier != null) {
        problems.add(at + ".type", "duplicate namespace type " + NamespaceKind.jsonName(entry.type())
            + " (also at $.linux.namespaces[" + earlier + "])");
        continue;
      }
      if (!kernelHas.test(entry.type())) {
        problems.add(at + ".type", NamespaceKind.jsonName(entry.type())
            + " namespaces are not enabled in this kernel (no /proc/self/ns/"
            + NamespaceKind.procName(entry.type()) + ")");
      }
      if (entry.path() == null || entry.path().isEmpty()) {
        created.add(entry.type());
      } else if (!entry.path().startsWith("/")) {
        problems.add(at + ".path", "must be an absolute path, was \"" + entry.path() + "\"");
      } else {
        joined.add(new JoinedNamespace(entry.type(), entry.path()));
      }
    }
    checkMountNamespace(created, firstIndex, problems);
    List<IdMapping> uidMappings = orEmpty(linux == null ? null : linux.uidMappings());
    List<IdMapping> gidMappings = orEmpty(linux == null ? null : linux.gidMappings());
    checkUserNamespace(created, firstIndex, uidMappings, gidMappings, problems);
    checkMappings("$.linux.uidMappings", uidMappings, problems);
    checkMappings("$.linux.gidMappings", gidMappings, problems);
    TimeOffsets timeOffsets = linux == null ? null : linux.timeOffsets();
    checkTimeOffsets(created, firstIndex, timeOffsets, problems);
    checkUts(spec, firstIndex, problems);
    boolean writesMappings = created.contains(NamespaceType.USER);
    return new ContainerNamespaces(created, joined,
        writesMappings ? uidMappings : List.of(), writesMappings ? gidMappings : List.of(),
        created.contains(NamespaceType.TIME)
            ? Optional.ofNullable(timeOffsets).map(ClockOffsets::of) : Optional.empty());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /**
   * The root filesystem is set up in the container's mount namespace, so it must be new (that
   * there is one at all is the root filesystem plan's check).
   */
  private static void checkMountNamespace(Set<NamespaceType> created,
      Map<NamespaceType, Integer> firstIndex, ConfigProblems problems) {
    Integer index = firstIndex.get(NamespaceType.MOUNT);
    if (index != null && !created.contains(NamespaceType.MOUNT)) {
      problems.add("$.linux.namespaces[" + index + "].path", "the mount namespace must be new,"
          + " not joined: the container's root filesystem is set up in it");
    }
  }

  private static void checkUserNamespace(Set<NamespaceType> created,
      Map<NamespaceType, Integer> firstIndex, List<IdMapping> uidMappings,
      List<IdMapping> gidMappings, ConfigProblems problems) {
    if (created.contains(NamespaceType.USER)) {
      if (uidMappings.isEmpty()) {
        problems.add("$.linux.uidMappings", "a new user namespace needs uidMappings");
      }
      if (gidMappings.isEmpty()) {
        problems.add("$.linux.gidMappings", "a new user namespace needs gidMappings");
      }
    } else if (!firstIndex.containsKey(NamespaceType.USER)) {
      // A user namespace joined by path has its maps already; mappings given with it describe
      // them (runc accepts both) and are not written.
      String message = "id mappings without a user namespace in $.linux.namespaces";
      if (!uidMappings.isEmpty()) {
        problems.add("$.linux.uidMappings", message);
      }
      if (!gidMappings.isEmpty()) {
        problems.add("$.linux.gidMappings", message);
      }
    }
  }

  /** What the kernel would refuse in uid_map or gid_map, found before anything is created. */
  private static void checkMappings(String at, List<IdMapping> mappings, ConfigProblems problems) {
    if (mappings.size() > MAX_MAPPINGS) {
      problems.add(at, "at most " + MAX_MAPPINGS + " mappings, got " + mappings.size());
    }
    for (int i = 0; i < mappings.size(); i++) {
      IdMapping mapping = mappings.get(i);
      String entry = at + "[" + i + "]";
      if (mapping.size() < 1) {
        problems.add(entry + ".size", "must be at least 1");
        continue;
      }
      if (mapping.containerId() + mapping.size() > UINT32_LIMIT) {
        problems.add(entry, "containerID + size goes past 4294967295");
      }
      if (mapping.hostId() + mapping.size() > UINT32_LIMIT) {
        problems.add(entry, "hostID + size goes past 4294967295");
      }
      for (int j = 0; j < i; j++) {
        IdMapping other = mappings.get(j);
        if (overlap(mapping.containerId(), other.containerId(), mapping.size(), other.size())) {
          problems.add(entry, "container ids overlap those of " + at + "[" + j + "]");
        }
        if (overlap(mapping.hostId(), other.hostId(), mapping.size(), other.size())) {
          problems.add(entry, "host ids overlap those of " + at + "[" + j + "]");
        }
      }
    }
  }

  private static boolean overlap(long start, long otherStart, long size, long otherSize) {
    return start < otherStart + otherSize && otherStart < start + size;
  }

  private static void checkTimeOffsets(Set<NamespaceType> created,
      Map<NamespaceType, Integer> firstIndex, TimeOffsets offsets, ConfigProblems problems) {
    if (offsets == null) {
      return;
    }
    Integer index = firstIndex.get(NamespaceType.TIME);
    if (index == null) {
      problems.add("$.linux.timeOffsets", "time offsets without a time namespace in"
          + " $.linux.namespaces");
    } else if (!created.contains(NamespaceType.TIME)) {
      problems.add("$.linux.timeOffsets", "time offsets need a new time namespace, but"
          + " $.linux.namespaces[" + index + "] joins one by path");
    }
    checkNanoseconds("$.linux.timeOffsets.monotonic", offsets.monotonic(), problems);
    checkNanoseconds("$.linux.timeOffsets.boottime", offsets.boottime(), problems);
  }

  private static void checkNanoseconds(String at, TimeOffset offset, ConfigProblems problems) {
    if (offset != null && offset.nanosecs() != null && offset.nanosecs() >= NANOS_PER_SECOND) {
      problems.add(at + ".nanosecs", "must be below 1000000000, was " + offset.nanosecs());
    }
  }

  private static void checkUts(Spec spec, Map<NamespaceType, Integer> firstIndex,
      ConfigProblems problems) {
    if (firstIndex.containsKey(NamespaceType.UTS)) {
      return;
    }
    if (spec.hostname() != null && !spec.hostname().isEmpty()) {
      problems.add("$.hostname", "unable to set hostname without a private UTS namespace");
    }
    if (spec.domainname() != null && !spec.domainname().isEmpty()) {
      problems.add("$.domainname", "unable to set domainname without a private UTS namespace");
    }
  }
}
