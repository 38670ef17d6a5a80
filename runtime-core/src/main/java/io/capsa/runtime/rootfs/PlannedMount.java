package io.capsa.runtime.rootfs;

import io.capsa.oci.IdMapping;
import io.capsa.runtime.rootfs.MountAttributes.Flag;
import java.util.List;

/**
 * One entry of config.json's mounts, checked and ready to be emitted.
 *
 * @param index the entry's position in {@code $.mounts}
 * @param type the filesystem type of a new filesystem ("cgroup" is mounted as cgroup2)
 * @param source a bind mount's absolute host path, or a new filesystem's source (may be null)
 * @param sourceIsDirectory whether a bind mount's target is a directory, else a file
 * @param refusesSymlinks proc and sysfs, and anything on /proc or /sys, must not be mounted
 *     through a symlink: every component of the target is resolved with RESOLVE_NO_SYMLINKS
 * @param mayBeOnProcfs the target is /proc or one of the /proc files lxcfs emulates, where a
 *     mount on procfs is expected; every other target is checked not to be on procfs
 * @param uidMappings an id-mapped mount's user ids (empty when not id-mapped)
 */
record PlannedMount(int index, ContainerPath destination, Kind kind, String type, String source,
    boolean sourceIsDirectory, MountOptions options, boolean refusesSymlinks,
    boolean mayBeOnProcfs, List<IdMapping> uidMappings, List<IdMapping> gidMappings) {

  enum Kind {
    /** open_tree(OPEN_TREE_CLONE) of a host path, attached with move_mount. */
    BIND,
    /** fsopen, fsconfig, fsmount, attached with move_mount. */
    FILESYSTEM,
    /** mount_setattr on the mount already at the destination. */
    REMOUNT
  }

  PlannedMount {
    uidMappings = List.copyOf(uidMappings);
    gidMappings = List.copyOf(gidMappings);
  }

  /**
   * Whether read-only waits for {@link RootfsPlan#emitFinish}: like runc, a new tmpfs and /dev
   * stay writable while later mounts and device nodes are created in them.
   */
  boolean delaysReadonly() {
    return kind == Kind.FILESYSTEM && options.attributes().sets(Flag.RDONLY)
        && (type.equals("tmpfs") || destination.equals(ContainerPath.of("/dev")));
  }

  /** The attributes set when the mount is made; without RDONLY when that is delayed. */
  MountAttributes initialAttributes() {
    return delaysReadonly() ? options.attributes().without(Flag.RDONLY) : options.attributes();
  }

  boolean isIdmapped() {
    return options.idmap() != MountOptions.Idmap.NONE;
  }

  /** "mount tmpfs on /dev/shm", "bind mount /data on /data", as errors name the mount. */
  String describe() {
    return switch (kind) {
      case BIND -> "bind mount " + source + " on " + destination;
      case FILESYSTEM -> "mount " + type + " on " + destination;
      case REMOUNT -> "remount " + destination;
    };
  }
}
