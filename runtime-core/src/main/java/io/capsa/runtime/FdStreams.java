package io.capsa.runtime;

import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** Java streams over the host's end of a container's stdio pipe; closing one closes its fd. */
final class FdStreams {
  private FdStreams() {}

  static InputStream input(HostSyscalls host, Fd fd) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
          return 0;
        }
        try {
          int n = host.read(fd, buffer, offset, length);
          return n == 0 ? -1 : n;
        } catch (SyscallException | IllegalStateException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        fd.close();
      }
    };
  }

  static OutputStream output(HostSyscalls host, Fd fd) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        try {
          for (int written = 0; written < length; ) {
            written += host.write(fd, buffer, offset + written, length - written);
          }
        } catch (SyscallException | IllegalStateException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        fd.close();
      }
    };
  }
}
