package io.capsa.oci;

import static io.capsa.oci.linux.NamespaceType.CGROUP;
import static io.capsa.oci.linux.NamespaceType.IPC;
import static io.capsa.oci.linux.NamespaceType.MOUNT;
import static io.capsa.oci.linux.NamespaceType.NETWORK;
import static io.capsa.oci.linux.NamespaceType.PID;
import static io.capsa.oci.linux.NamespaceType.USER;
import static io.capsa.oci.linux.NamespaceType.UTS;

import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The specs {@code runc spec} and {@code runc spec --rootless} write, rebuilt member by member from
 * runc 1.1.5 (libcontainer/specconv Example and ToRootless) so that a bundle made by Capsa looks
 * like one made by runc.
 */
final class RuncExample {
  private static final Path SYS = Path.of("/sys");
  private static final List<String> CAPABILITIES =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  private RuncExample() {}

  /** runc's Example(); {@code cgroupNamespace} as runc decides it: on a cgroup v2 host. */
  static Spec spec(boolean cgroupNamespace) {
    return Spec.builder()
        .process(process())
        .root(new Root("rootfs", true))
        .hostname("runc")
        .mounts(mounts())
        .linux(linux(cgroupNamespace))
        .build();
  }

  private static ProcessConfig process() {
    return ProcessConfig.builder()
        .terminal(true)
        .user(new User(0, 0))
        .args(List.of("sh"))
        .env(
            List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"))
        .cwd("/")
        .capabilities(
            new Capabilities(CAPABILITIES, CAPABILITIES, null, CAPABILITIES, CAPABILITIES))
        .rlimits(List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)))
        .noNewPrivileges(true)
        .build();
  }

  private static List<Mount> mounts() {
    return List.of(
        new Mount("/proc", "proc", "proc", null),
        new Mount("/dev", "tmpfs", "tmpfs", words("nosuid strictatime mode=755 size=65536k")),
        new Mount(
            "/dev/pts",
            "devpts",
            "devpts",
            words("nosuid noexec newinstance ptmxmode=0666 mode=0620 gid=5")),
        new Mount("/dev/shm", "tmpfs", "shm", words("nosuid noexec nodev mode=1777 size=65536k")),
        new Mount("/dev/mqueue", "mqueue", "mqueue", words("nosuid noexec nodev")),
        new Mount("/sys", "sysfs", "sysfs", words("nosuid noexec nodev ro")),
        new Mount("/sys/fs/cgroup", "cgroup", "cgroup", words("nosuid noexec nodev relatime ro")));
  }

  private static Linux linux(boolean cgroupNamespace) {
    List<Namespace> namespaces = new ArrayList<>();
    for (NamespaceType type : List.of(PID, NETWORK, IPC, UTS, MOUNT)) {
      namespaces.add(new Namespace(type));
    }
    if (cgroupNamespace) {
      namespaces.add(new Namespace(CGROUP));
    }
    return Linux.builder()
        .resources(
            Resources.builder()
                .devices(List.of(new DeviceCgroup(false, null, null, null, "rwm")))
                .build())
        .namespaces(namespaces)
        .maskedPaths(
            words(
                "/proc/acpi /proc/asound /proc/kcore /proc/keys /proc/latency_stats"
                    + " /proc/timer_list /proc/timer_stats /proc/sched_debug /sys/firmware"
                    + " /proc/scsi"))
        .readonlyPaths(words("/proc/bus /proc/fs /proc/irq /proc/sys /proc/sysrq-trigger"))
        .build();
  }

  /** runc's option and path lists, written space-separated so that each reads like a mount line. */
  private static List<String> words(String spaceSeparated) {
    return List.of(spaceSeparated.split(" "));
  }

  /**
   * runc's ToRootless() applied to {@code spec}, mapping container root to {@code uid}/{@code gid}.
   */
  static Spec rootless(Spec spec, long uid, long gid) {
    Linux linux = spec.linux();
    List<Namespace> namespaces = new ArrayList<>();
    for (Namespace namespace :
        Objects.requireNonNullElse(linux.namespaces(), List.<Namespace>of())) {
      if (namespace.type() != NETWORK && namespace.type() != USER) {
        namespaces.add(namespace);
      }
    }
    namespaces.add(new Namespace(USER));
    List<Mount> mounts =
        spec.mounts() == null
            ? null
            : spec.mounts().stream().map(RuncExample::rootlessMount).toList();
    return spec.toBuilder()
        .mounts(mounts)
        .linux(
            linux.toBuilder()
                .namespaces(namespaces)
                .uidMappings(List.of(new IdMapping(0, uid, 1)))
                .gidMappings(List.of(new IdMapping(0, gid, 1)))
                .resources(null)
                .build())
        .build();
  }

  /**
   * Without root, sysfs cannot be mounted outside a network namespace the user owns, so /sys is
   * bound from the host; uid= and gid= options would name ids the user namespace does not map.
   */
  private static Mount rootlessMount(Mount mount) {
    if (Path.of(mount.destination()).normalize().equals(SYS)) {
      return new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"));
    }
    if (mount.options() == null) {
      return mount;
    }
    List<String> options =
        mount.options().stream()
            .filter(option -> !option.startsWith("gid=") && !option.startsWith("uid="))
            .toList();
    // runc builds the list anew, and Go writes an empty one as absent.
    return new Mount(
        mount.destination(),
        mount.type(),
        mount.source(),
        options.isEmpty() ? null : options,
        mount.uidMappings(),
        mount.gidMappings(),
        mount.unknownFields());
  }
}
