package io.capsa.runtime;

import io.capsa.oci.Mount;
import io.capsa.oci.Spec;
import io.capsa.sys.UnixAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a container's notify socket lives, in runc's layout: {@code notify/notify.sock} in the
 * container's state directory, the directory bind-mounted read-only (nosuid, nodev, noexec) at
 * /run/notify after the config's mounts, and NOTIFY_SOCKET=/run/notify/notify.sock added to
 * the process's environment. The directory rather than the socket is mounted because the
 * socket is bound only by whoever waits for the process's notifications, after the mounts are
 * made; it then shows inside the container as well. Deleting the state directory removes both.
 */
final class NotifyDirectory {
  static final String IN_CONTAINER = "/run/notify";
  static final String SOCKET_NAME = "notify.sock";
  static final String ENVIRONMENT = "NOTIFY_SOCKET=" + IN_CONTAINER + "/" + SOCKET_NAME;
  private static final String NAME = "notify";
  private static final List<String> MOUNT_OPTIONS =
      List.of("bind", "nosuid", "noexec", "nodev", "ro");

  private final Path directory;

  private NotifyDirectory(Path directory) {
    this.directory = directory;
  }

  /** The notify directory of the container whose state directory is {@code stateDirectory}. */
  static NotifyDirectory of(Path stateDirectory) {
    return new NotifyDirectory(stateDirectory.resolve(NAME));
  }

  Path path() {
    return directory;
  }

  Path socket() {
    return directory.resolve(SOCKET_NAME);
  }

  boolean exists() {
    return Files.isDirectory(directory);
  }

  /**
   * {@code spec} with the directory's mount after its others and NOTIFY_SOCKET after its
   * process's environment (the last of a variable wins, as in runc).
   *
   * @throws IllegalArgumentException when the socket's path is too long for a unix socket
   *     address, so that create refuses what start could never bind
   */
  Spec addTo(Spec spec) {
    try {
      UnixAddress.path(socket().toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the notify socket " + e.getMessage()
          + "; a shorter state root or id makes it fit", e);
    }
    List<Mount> mounts = new ArrayList<>(spec.mounts() == null ? List.of() : spec.mounts());
    mounts.add(new Mount(IN_CONTAINER, null, directory.toString(), MOUNT_OPTIONS));
    Spec.Builder changed = spec.toBuilder().mounts(mounts);
    if (spec.process() != null) {
      List<String> env = new ArrayList<>(
          spec.process().env() == null ? List.of() : spec.process().env());
      env.add(ENVIRONMENT);
      changed.process(spec.process().toBuilder().env(env).build());
    }
    return changed.build();
  }

  /** Makes the directory (0755, as runc does); call once the state directory exists. */
  void create() {
    try {
      Files.createDirectory(directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException("creating the notify socket directory " + directory, e);
    }
  }
}
