package io.capsa.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The text of a document file, read only when it is a regular file of at most {@link
 * OciJson#MAX_FILE_BYTES}: a bundle may come from a hostile party, and a config.json that is a
 * FIFO would block its reader forever, one that is /dev/zero or merely huge would fill the heap
 * of the JVM that embeds the runtime. The limit is also applied while reading, for a file that
 * grows or is replaced after the check; a FIFO put in its place between the check and the open
 * would still block the open, which Java cannot make without waiting for a writer.
 */
final class DocumentFile {
  private DocumentFile() {}

  /**
   * @throws UncheckedIOException "cannot read FILE", caused by an IOException that says why
   */
  static String read(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new FileSystemException(file.toString(), null, "not a regular file ("
            + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
      }
      checkSize(file, attributes.size());
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(OciJson.MAX_FILE_BYTES + 1);
      }
      checkSize(file, bytes.length);
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void checkSize(Path file, long size) throws FileSystemException {
    if (size > OciJson.MAX_FILE_BYTES) {
      throw new FileSystemException(file.toString(), null, "larger than "
          + (OciJson.MAX_FILE_BYTES >> 20) + " MiB, the most a document may have");
    }
  }
}
