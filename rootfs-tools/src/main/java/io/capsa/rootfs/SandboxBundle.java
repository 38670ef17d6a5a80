package io.capsa.rootfs;

import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A sandbox's OCI bundle in a fresh temporary directory only its owner can enter (0700): a
 * {@code rootfs} directory holding the mount points, symlinks and files of the host view (see
 * {@link SandboxPlan}), and the {@code config.json}. {@link #close()} removes the directory and
 * everything in it; the bundle leaves nothing else on the host. Not thread-safe.
 *
 * <pre>{@code
 * SandboxOptions options = SandboxOptions.builder().command("ls", "-l", "/usr").build();
 * try (SandboxBundle bundle = SandboxBundle.create(options)) {
 *   // run the container of bundle.directory(), wait for it, delete it
 * }
 * }</pre>
 */
public final class SandboxBundle implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SandboxBundle.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> ROOTFS_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> CONFIG_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final String PREFIX = "capsa-sandbox-";

  private final Path directory;
  private final Spec spec;
  private boolean removed;

  private SandboxBundle(Path directory, Spec spec) {
    this.directory = directory;
    this.spec = spec;
  }

  /**
   * The bundle for {@code options} on this host, in the JVM's temporary directory ({@code
   * java.io.tmpdir}).
   *
   * @throws IllegalArgumentException when a volume cannot be mounted (see {@link SandboxPlan})
   * @throws UncheckedIOException when the bundle cannot be written; nothing is left behind
   */
  public static SandboxBundle create(SandboxOptions options) {
    return create(SandboxPlan.of(options), Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Writes {@code plan} into a new directory in {@code parent}.
   *
   * @throws UncheckedIOException when the bundle cannot be written; nothing is left behind
   */
  public static SandboxBundle create(SandboxPlan plan, Path parent) {
    Path directory;
    try {
      directory = Files.createTempDirectory(parent, PREFIX,
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a sandbox bundle in " + parent, e);
    }
    try {
      Files.setPosixFilePermissions(directory, OWNER_ONLY);
      Path rootfs = Files.createDirectory(directory.resolve(SandboxPlan.ROOTFS));
      Files.setPosixFilePermissions(rootfs, ROOTFS_MODE);
      plan.layout().create(rootfs);
      Path config = directory.resolve("config.json");
      Files.writeString(config, OciJson.write(plan.spec()), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW);
      Files.setPosixFilePermissions(config, CONFIG_MODE);
    } catch (IOException | RuntimeException e) {
      try {
        remove(directory);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write the sandbox bundle " + directory, io);
      }
      throw (RuntimeException) e;
    }
    LOG.log(Level.DEBUG, "sandbox bundle {0} written", directory);
    return new SandboxBundle(directory, plan.spec());
  }

  /** The bundle directory, to hand to the runtime. */
  public Path directory() {
    return directory;
  }

  public Path rootfs() {
    return directory.resolve(SandboxPlan.ROOTFS);
  }

  public Path configFile() {
    return directory.resolve("config.json");
  }

  /** What config.json holds. */
  public Spec spec() {
    return spec;
  }

  /**
   * Removes the bundle directory; a second call does nothing. Call it once the container is
   * deleted: a mount still attached below the directory in this mount namespace (a runtime that
   * died halfway) is refused rather than walked into, so a volume's files are never deleted.
   *
   * @throws UncheckedIOException naming what could not be removed
   */
  @Override
  public void close() {
    if (removed) {
      return;
    }
    try {
      remove(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the sandbox bundle " + directory, e);
    }
    removed = true;
    LOG.log(Level.DEBUG, "sandbox bundle {0} removed", directory);
  }

  /** Removes {@code directory} and everything in it, unless something is mounted there. */
  private static void remove(Path directory) throws IOException {
    if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> mounted = MountTable.mountPointsUnder(directory.toRealPath());
    if (!mounted.isEmpty()) {
      throw new IOException("still mounted below it: " + mounted + "; unmount them first");
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure)
          throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
