package io.capsa.runtime.rootfs;

import io.capsa.oci.IdMapping;
import io.capsa.oci.Mount;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.rootfs.PlannedMount.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks one entry of config.json's mounts and turns it into a {@link PlannedMount}. */
final class MountPlanner {
  private static final ContainerPath PROC = ContainerPath.of("/proc");
  private static final ContainerPath SYS = ContainerPath.of("/sys");
  /** The /proc files lxcfs emulates: the only mounts runc allows below /proc. */
  private static final Set<ContainerPath> LXCFS_PROC_FILES = Set.of("/proc/cpuinfo",
      "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps", "/proc/uptime",
      "/proc/loadavg", "/proc/slabinfo", "/proc/sys/kernel/ns_last_pid",
      "/proc/sys/crypto/fips_enabled").stream().map(ContainerPath::of)
      .collect(Collectors.toUnmodifiableSet());

  private final Path bundle;
  private final Set<Path> madeByCreate;
  private final ConfigProblems problems;

  /**
   * @param madeByCreate directories create makes before the init mounts anything (the notify
   *     socket's, in the state directory), which a bind mount may name though they do not
   *     exist yet
   */
  MountPlanner(Path bundle, Set<Path> madeByCreate, ConfigProblems problems) {
    this.bundle = bundle;
    this.madeByCreate = Set.copyOf(madeByCreate);
    this.problems = problems;
  }

  /** The plan of {@code $.mounts[index]}, or empty after adding its problems. */
  Optional<PlannedMount> plan(Mount mount, int index) {
    String at = "$.mounts[" + index + "]";
    int problemsBefore = problems.list().size();
    List<String> rawOptions = OrEmpty.list(mount.options());
    MountOptions options = MountOptions.parse(rawOptions, at + ".options", problems);
    for (int i = 0; i < rawOptions.size(); i++) {
      refuseNul(rawOptions.get(i), at + ".options[" + i + "]");
    }
    Optional<ContainerPath> destination = destination(mount.destination(), at + ".destination");
    Kind kind = options.remount() ? Kind.REMOUNT
        : options.bind() || "bind".equals(mount.type()) ? Kind.BIND : Kind.FILESYSTEM;
    String source = kind == Kind.BIND ? bindSource(mount.source(), at + ".source")
        : mount.source();
    String type = kind == Kind.FILESYSTEM ? filesystemType(mount.type(), at + ".type") : null;
    if (kind != Kind.BIND && mount.source() != null) {
      refuseNul(mount.source(), at + ".source");
    }
    if (!options.data().isEmpty() && kind != Kind.FILESYSTEM) {
      problems.add(at + ".options", (kind == Kind.BIND ? "a bind mount" : "a remount")
          + " cannot take filesystem options " + options.data()
          + ": they belong to the filesystem, not to one of its mounts");
    }
    checkIdmap(mount, options, kind, at);
    if (destination.isPresent() && kind != Kind.REMOUNT) {
      checkProcfsRules(destination.get(), kind, type, source, at);
    }
    if (problems.list().size() > problemsBefore) {
      return Optional.empty();
    }
    ContainerPath target = destination.orElseThrow();
    boolean refusesSymlinks = "proc".equals(type) || "sysfs".equals(type)
        || target.isWithin(PROC) || target.isWithin(SYS);
    boolean mayBeOnProcfs = target.equals(PROC) || LXCFS_PROC_FILES.contains(target);
    return Optional.of(new PlannedMount(index, target, kind, type, source,
        kind != Kind.BIND || isDirectory(Path.of(source)), options, refusesSymlinks,
        mayBeOnProcfs, OrEmpty.list(mount.uidMappings()), OrEmpty.list(mount.gidMappings())));
  }

  private Optional<ContainerPath> destination(String raw, String at) {
    Optional<ContainerPath> path = ContainerPath.parse(raw);
    if (path.isEmpty()) {
      problems.add(at, "must be an absolute path without NUL characters, was \"" + raw + "\"");
    } else if (path.get().isRoot()) {
      problems.add(at, "cannot be / : the rootfs itself is the container's root");
      return Optional.empty();
    }
    return path;
  }

  /** The absolute host path of a bind mount's source; relative ones are in the bundle. */
  private String bindSource(String raw, String at) {
    if (raw == null || raw.isEmpty()) {
      problems.add(at, "a bind mount needs a source");
      return null;
    }
    if (raw.indexOf('\0') >= 0) {
      problems.add(at, "must not contain a NUL character");
      return null;
    }
    Path source = bundle.resolve(raw).normalize();
    if (!Files.exists(source) && !madeByCreate.contains(source)) {
      problems.add(at, source + " does not exist");
    }
    return source.toString();
  }

  private boolean isDirectory(Path source) {
    return Files.isDirectory(source) || madeByCreate.contains(source);
  }

  private String filesystemType(String raw, String at) {
    if (raw == null || raw.isEmpty()) {
      problems.add(at, "required for a mount that is not a bind mount");
      return null;
    }
    refuseNul(raw, at);
    // Capsa runs on cgroup v2 only: runc too mounts "cgroup" as cgroup2 on such hosts.
    return raw.equals("cgroup") ? "cgroup2" : raw;
  }

  private void checkIdmap(Mount mount, MountOptions options, Kind kind, String at) {
    List<IdMapping> uidMappings = OrEmpty.list(mount.uidMappings());
    List<IdMapping> gidMappings = OrEmpty.list(mount.gidMappings());
    boolean mapped = !uidMappings.isEmpty() || !gidMappings.isEmpty();
    if (!mapped && options.idmap() == MountOptions.Idmap.NONE) {
      return;
    }
    if (kind != Kind.BIND) {
      problems.add(mapped ? at + ".uidMappings" : at + ".options",
          "id-mapped mounts are only supported for bind mounts");
    } else if (uidMappings.isEmpty() || gidMappings.isEmpty()) {
      problems.add(at + (uidMappings.isEmpty() ? ".uidMappings" : ".gidMappings"),
          "an id-mapped mount needs both uidMappings and gidMappings");
    }
  }

  /**
   * runc's checkProcMount: /proc takes only a procfs, and below it only the files lxcfs
   * emulates, so that nothing can cover what the kernel shows a process about itself.
   */
  private void checkProcfsRules(ContainerPath destination, Kind kind, String type,
      String source, String at) {
    if (destination.equals(PROC)) {
      boolean procfs = kind == Kind.FILESYSTEM ? "proc".equals(type)
          : source != null && isOnProcfs(Path.of(source));
      if (!procfs) {
        problems.add(at + ".destination",
            "/proc takes only a procfs: a mount of type proc, or a bind mount of one");
      }
    } else if (destination.isWithin(PROC) && !LXCFS_PROC_FILES.contains(destination)) {
      problems.add(at + ".destination", destination + " is inside /proc, where only "
          + "the files lxcfs emulates can be mounted over: " + LXCFS_PROC_FILES.stream()
              .map(ContainerPath::toString).sorted().collect(Collectors.joining(", ")));
    }
  }

  private static boolean isOnProcfs(Path source) {
    try {
      return Files.getFileStore(source).type().equals("proc");
    } catch (IOException e) {
      return false;
    }
  }

  private void refuseNul(String text, String at) {
    if (text.indexOf('\0') >= 0) {
      problems.add(at, "must not contain a NUL character");
    }
  }
}
