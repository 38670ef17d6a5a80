package io.capsa.rootfs;

import io.capsa.oci.Mount;
import io.capsa.rootfs.HostViewRootfs.HostBind;
import io.capsa.rootfs.HostViewRootfs.HostLink;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The mounts of a sandbox's config.json, in order: the host view read-only, then a fresh /proc,
 * a tmpfs /dev (the runtime fills it with the standard devices) with devpts, shm and mqueue, a
 * tmpfs /tmp, and last the user's volumes. Each mount point is placed as it is added (see {@link
 * MountPoints}).
 *
 * <p>Every bind is recursive, nosuid and nodev, down to the mounts below its source (the r*
 * options), as bubblewrap binds. For setuid and setgid programs and file capabilities nosuid
 * changes no outcome: under no_new_privs the kernel grants none of their privilege at exec
 * anyway; nosuid keeps it so for any process that might run without no_new_privs. The host view
 * and
 * read-only volumes are also {@code ro} and {@code rro}, so that no mount below them is writable
 * either.
 */
final class SandboxMounts {
  static final List<String> READ_ONLY_BIND =
      List.of("rbind", "ro", "nosuid", "nodev", "rro", "rnosuid", "rnodev");
  static final List<String> WRITABLE_BIND = List.of("rbind", "nosuid", "nodev", "rnosuid",
      "rnodev");

  private final List<Mount> mounts = new ArrayList<>();
  private final MountPoints mountPoints;

  private SandboxMounts(RootfsLayout layout, List<HostLink> links) {
    mountPoints = new MountPoints(layout, links);
  }

  /**
   * The mounts for {@code options} over {@code view}, with their mount points and the view's
   * symlinks added to {@code layout}.
   *
   * @throws IllegalArgumentException when a volume's source is gone or its mount point cannot be
   *     had (see {@link MountPoints#place})
   */
  static List<Mount> plan(SandboxOptions options, HostViewRootfs view, RootfsLayout layout) {
    for (HostLink link : view.links()) {
      layout.symlink(link.destination(), link.target());
    }
    SandboxMounts plan = new SandboxMounts(layout, view.links());
    for (HostBind bind : view.binds()) {
      plan.add(new Mount(bind.destination().toString(), "bind", bind.source().toString(),
          READ_ONLY_BIND), bind.directory(), "the host's " + bind.destination());
    }
    plan.add(new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    plan.add(new Mount("/dev", "tmpfs", "tmpfs",
        List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    plan.add(new Mount("/dev/pts", "devpts", "devpts",
        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
    plan.add(new Mount("/dev/shm", "tmpfs", "shm",
        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    plan.add(new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
    plan.add(new Mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777")));
    for (Volume volume : options.volumes()) {
      if (!Files.exists(volume.source())) {
        throw new IllegalArgumentException("cannot mount volume " + volume + ": the source "
            + volume.source() + " no longer exists");
      }
      plan.add(new Mount(volume.destination().toString(), "bind", volume.source().toString(),
          volume.readOnly() ? READ_ONLY_BIND : WRITABLE_BIND),
          Files.isDirectory(volume.source()), "volume " + volume);
    }
    return List.copyOf(plan.mounts);
  }

  /** A new filesystem, whose mount point is a directory. */
  private void add(Mount mount) {
    add(mount, true, mount.type() + " on " + mount.destination());
  }

  private void add(Mount mount, boolean directory, String what) {
    mountPoints.place(mount, directory, what);
    mounts.add(mount);
  }
}
