package io.capsa.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Exclusive access to one container id, across threads of this JVM and across processes.
 *
 * <p>Processes are excluded with an fcntl lock on {@code <root>/<id>.lock}; threads of one JVM with
 * a lock per path first, because the JDK refuses a second FileLock on a file this JVM already
 * locked. The lock file lives as long as the container: whoever releases the lock when there is
 * no container (it was deleted, a create failed, or an operation found none) unlinks the file
 * while still holding the lock, so that nothing is left under the root. A waiter that opened the
 * old file must therefore check, once it holds the lock, that the path still names the file it
 * locked: it writes a fresh token into its file and reads it back through the path. Only a lock
 * holder writes, so the token comes back exactly when the path and the locked file are one.
 */
public final class ContainerLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final Path path;
  private final BooleanSupplier containerExists;
  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private ContainerLock(Path path, BooleanSupplier containerExists, ReentrantLock threadLock,
      FileChannel channel, FileLock fileLock) {
    this.path = path;
    this.containerExists = containerExists;
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Blocks until this caller alone holds {@code path}.
   *
   * @param containerExists asked as the lock is released: whether the container is there, else
   *     the lock file is removed
   */
  static ContainerLock acquire(Path path, BooleanSupplier containerExists) {
    ReentrantLock threadLock = IN_JVM.computeIfAbsent(path, p -> new ReentrantLock());
    threadLock.lock();
    try {
      while (true) {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          FileLock fileLock = channel.lock();
          if (sameFile(channel, path)) {
            return new ContainerLock(path, containerExists, threadLock, channel, fileLock);
          }
          channel.close();
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }
    } catch (IOException e) {
      threadLock.unlock();
      throw new UncheckedIOException("locking " + path, e);
    } catch (RuntimeException e) {
      threadLock.unlock();
      throw e;
    }
  }

  private static boolean sameFile(FileChannel locked, Path path) throws IOException {
    // Unique to this attempt; not a random UUID, whose SecureRandom would cost every command
    // the seeding of a cryptographic generator.
    byte[] token = (ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()))
        .getBytes(StandardCharsets.US_ASCII);
    locked.truncate(0);
    locked.write(ByteBuffer.wrap(token), 0);
    try {
      return Arrays.equals(token, Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Releases the lock, first removing the lock file when there is no container (any more). */
  @Override
  public void close() {
    try (FileChannel held = channel) {
      if (!containerExists.getAsBoolean()) {
        Files.deleteIfExists(path);
      }
      fileLock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("releasing the lock " + path, e);
    } finally {
      threadLock.unlock();
    }
  }
}
