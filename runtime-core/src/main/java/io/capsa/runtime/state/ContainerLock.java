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

/**
 * Exclusive access to one container id, across threads of this JVM and across processes.
 *
 * <p>Processes are excluded with an fcntl lock on {@code <root>/<id>.lock}; threads of one JVM with
 * a lock per path first, because the JDK refuses a second FileLock on a file this JVM already
 * locked. Deleting a container unlinks the lock file while holding the lock, so a waiter that
 * opened the old file must check, once it holds the lock, that the path still names the file it
 * locked: it writes a fresh token into its file and reads it back through the path. Only a lock
 * holder writes, so the token comes back exactly when the path and the locked file are one.
 */
public final class ContainerLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final Path path;
  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private ContainerLock(Path path, ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.path = path;
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Blocks until this caller alone holds {@code path}. */
  static ContainerLock acquire(Path path) {
    ReentrantLock threadLock = IN_JVM.computeIfAbsent(path, p -> new ReentrantLock());
    threadLock.lock();
    try {
      while (true) {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          FileLock fileLock = channel.lock();
          if (sameFile(channel, path)) {
            return new ContainerLock(path, threadLock, channel, fileLock);
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

  /** Removes the lock file while it is still held, as the last step of deleting a container. */
  void unlinkWhileHeld() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("unlocking " + path, e);
    } finally {
      threadLock.unlock();
    }
  }
}
