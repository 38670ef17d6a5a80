package io.capsa.rootfs;

import io.capsa.oci.Mount;
import io.capsa.rootfs.HostViewRootfs.HostLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where the mount point of each mount lies, in mount order, so that the runtime never has
 * to create one outside the sandbox's own directories. A mount point lies in the filesystem of
 * the last earlier mount at or above its destination: in the rootfs directory when there is none
 * (it is added to the {@link RootfsLayout}, so the runtime finds it there), in a tmpfs (the
 * runtime creates it there, which changes nothing on the host), or in a host directory, where it
 * must exist already: the host view is read-only, and a volume's source is the user's.
 */
final class MountPoints {
  /** An earlier mount and where its destination is, symlinks of the rootfs followed. */
  private record Placed(Mount mount, Path resolved) {}

  private final RootfsLayout layout;
  private final List<HostLink> links;
  private final List<Placed> placed = new ArrayList<>();

  /** {@code links}: the symlinks of {@code layout}, which destinations are resolved through. */
  MountPoints(RootfsLayout layout, List<HostLink> links) {
    this.layout = layout;
    this.links = List.copyOf(links);
  }

  /**
   * Places the mount point of {@code mount}, the next mount in order; {@code directory} says
   * whether it must be a directory, else a file.
   *
   * @param what the mount as an error names it, such as {@code volume /data:/data:ro}
   * @throws IllegalArgumentException when the mount point cannot be had without creating it
   *     outside the sandbox's own directories
   */
  void place(Mount mount, boolean directory, String what) {
    Path destination = resolve(Path.of(mount.destination()));
    Placed holder = holderOf(destination);
    if (holder == null) {
      try {
        if (directory) {
          layout.directory(destination);
        } else {
          layout.mountPointFile(destination);
        }
      } catch (IllegalArgumentException e) {
        throw cannotMount(what, e.getMessage());
      }
    } else if ("bind".equals(holder.mount().type())) {
      checkOnHost(holder, destination, directory, what);
    } else if (!"tmpfs".equals(holder.mount().type())) {
      throw cannotMount(what, mount.destination() + " is inside the " + holder.mount().type()
          + " filesystem at " + holder.mount().destination());
    }
    placed.add(new Placed(mount, destination));
  }

  /**
   * {@code path} with a reproduced symlink at or above it followed. One step is enough: a link
   * leads to a symlink-free path below a bind of the host view.
   */
  private Path resolve(Path path) {
    for (HostLink link : links) {
      if (path.startsWith(link.destination())) {
        return link.resolvesTo().resolve(link.destination().relativize(path));
      }
    }
    return path;
  }

  private Placed holderOf(Path destination) {
    for (int i = placed.size() - 1; i >= 0; i--) {
      if (destination.startsWith(placed.get(i).resolved())) {
        return placed.get(i);
      }
    }
    return null;
  }

  private static void checkOnHost(Placed holder, Path destination, boolean directory,
      String what) {
    Path onHost = Path.of(holder.mount().source())
        .resolve(holder.resolved().relativize(destination));
    String inside = holder.mount().destination() + ", which the sandbox takes from the host's "
        + holder.mount().source();
    if (!Files.exists(onHost)) {
      throw cannotMount(what, "its mount point " + onHost + " does not exist: it would be "
          + "created in " + inside + ", and Capsa creates no mount points on the host");
    }
    if (Files.isDirectory(onHost) != directory) {
      throw cannotMount(what, "its mount point " + onHost + " (in " + inside + ") is "
          + (directory ? "not a directory, and the source is one" : "a directory, and the "
              + "source is not"));
    }
  }

  private static IllegalArgumentException cannotMount(String what, String problem) {
    return new IllegalArgumentException("cannot mount " + what + ": " + problem);
  }
}
