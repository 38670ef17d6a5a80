package io.capsa.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The containers a runtime root holds: {@code <root>/<id>/} per container with its state file,
 * written atomically (temp file + rename), and {@code <root>/<id>.lock} to serialise every
 * operation on one id across threads and processes. The lock file exists only while its
 * container's directory does (or while the lock is held): an operation on a container that is
 * not there leaves nothing under the root.
 */
public final class StateStore {

  public static final Path DEFAULT_ROOT = Path.of("/run/capsa");
  private static final String STATE_FILE = "state.json";
  private static final String LOCK_SUFFIX = ".lock";

  private final Path root;

  public StateStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path directory(ContainerId id) {
    return root.resolve(id.value());
  }

  /**
   * Takes the id's lock for an operation on an existing container; every read-modify-write of
   * one container happens under it. Makes nothing: without the root there is no container.
   *
   * @throws ContainerStateException "does not exist" when the root does not
   */
  public ContainerLock lock(ContainerId id) {
    if (!Files.isDirectory(root)) {
      throw new ContainerStateException("container " + id + " does not exist");
    }
    Path directory = directory(id);
    return ContainerLock.acquire(root.resolve(id.value() + LOCK_SUFFIX),
        () -> Files.exists(directory, LinkOption.NOFOLLOW_LINKS));
  }

  /** Takes the id's lock for creating its container, making the root first when it is missing. */
  public ContainerLock lockForCreate(ContainerId id) {
    createRoot();
    return lock(id);
  }

  /**
   * Creates the id's directory (0711, like runc's). Fails with runc's wording when the id is
   * taken. Call with the id's lock held.
   */
  public Path create(ContainerId id) {
    createRoot();
    Path directory = directory(id);
    try {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      return directory;
    } catch (FileAlreadyExistsException e) {
      throw new ContainerStateException("container with id exists: " + id);
    } catch (IOException e) {
      throw new UncheckedIOException("creating state directory " + directory, e);
    }
  }

  public boolean exists(ContainerId id) {
    return Files.isRegularFile(directory(id).resolve(STATE_FILE));
  }

  /** The id's state document; {@link ContainerStateException} "does not exist" when there is none. */
  public byte[] read(ContainerId id) {
    Path file = directory(id).resolve(STATE_FILE);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ContainerStateException("container " + id + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Replaces the id's state document in one rename, so a reader never sees half of it. */
  public void write(ContainerId id, byte[] document) {
    Path directory = directory(id);
    Path file = directory.resolve(STATE_FILE);
    Path temporary = null;
    try {
      temporary = newTemporaryFile(directory);
      Files.write(temporary, document);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException("state directory " + directory + " does not support atomic rename", e);
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("writing " + file, e);
      deleteQuietly(temporary, failure);
      throw failure;
    }
  }

  /**
   * A new empty file only the owner can read, for the next state document. Not
   * Files.createTempFile, whose SecureRandom costs every command its seeding: the name only needs
   * to be new, since writers of one container hold its lock.
   */
  private static Path newTemporaryFile(Path directory) throws IOException {
    while (true) {
      Path temporary = directory.resolve(STATE_FILE + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temporary,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        // a left-over of a writer that died: try another name
      }
    }
  }

  /** The ids that have a state document, sorted. */
  public List<ContainerId> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<ContainerId> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry.resolve(STATE_FILE))) {
          ids.add(new ContainerId(entry.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
    ids.sort(Comparator.comparing(ContainerId::value));
    return ids;
  }

  /**
   * Removes the id's directory. Call it holding the id's lock, whose file goes as that lock is
   * released.
   */
  public void remove(ContainerId id) {
    Path directory = directory(id);
    try (Stream<Path> walk = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing state directory " + directory, e);
    }
  }

  private void createRoot() {
    try {
      Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("creating state root " + root, e);
    }
  }

  private static void deleteQuietly(Path path, Exception failure) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
