package io.capsa.init;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data blob of a program under construction: strings, arrays and structs that ops point
 * into, little-endian like every architecture Capsa supports. A pointer stored inside the blob
 * is written as a blob offset and listed as a relocation; capsa-init adds the blob's address.
 */
final class Blob {
  private byte[] bytes = new byte[256];
  private int size;
  private final List<Integer> relocations = new ArrayList<>();

  int size() {
    return size;
  }

  /** Reserves {@code length} zero bytes at an {@code alignment}-aligned offset. */
  int reserve(int length, int alignment) {
    int offset = (size + alignment - 1) / alignment * alignment;
    int end = Math.addExact(offset, length);
    if (end > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
    }
    size = end;
    return offset;
  }

  int append(byte[] data, int alignment) {
    int offset = reserve(data.length, alignment);
    System.arraycopy(data, 0, bytes, offset, data.length);
    return offset;
  }

  /** A NUL-terminated UTF-8 string; a string with a NUL in it could not be passed intact. */
  int appendString(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      if (b == 0) {
        throw new IllegalArgumentException(
            "string contains a NUL character: " + ProgramRenderer.quote(text));
      }
    }
    ByteArrayOutputStream withNul = new ByteArrayOutputStream(utf8.length + 1);
    withNul.writeBytes(utf8);
    withNul.write(0);
    return append(withNul.toByteArray(), 1);
  }

  /** A NULL-terminated array of pointers to the given strings (argv, envp). */
  int appendStringArray(List<String> strings) {
    int[] targets = strings.stream().mapToInt(this::appendString).toArray();
    int array = reserve(8 * (targets.length + 1), 8);
    for (int i = 0; i < targets.length; i++) {
      putPointer(array + 8 * i, targets[i]);
    }
    return array;
  }

  void putByte(int offset, int value) {
    check(offset, 1);
    bytes[offset] = (byte) value;
  }

  void putShort(int offset, int value) {
    putLittleEndian(offset, value, 2);
  }

  void putInt(int offset, long value) {
    putLittleEndian(offset, value, 4);
  }

  void putLong(int offset, long value) {
    putLittleEndian(offset, value, 8);
  }

  /** Stores a pointer to blob offset {@code target} at {@code offset}. */
  void putPointer(int offset, int target) {
    if (offset % 8 != 0) {
      throw new IllegalArgumentException("pointer at unaligned blob offset " + offset);
    }
    putLong(offset, target);
    relocations.add(offset);
  }

  byte[] bytes() {
    return Arrays.copyOf(bytes, size);
  }

  int[] relocations() {
    return relocations.stream().mapToInt(Integer::intValue).toArray();
  }

  private void putLittleEndian(int offset, long value, int width) {
    check(offset, width);
    for (int i = 0; i < width; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * i));
    }
  }

  private void check(int offset, int width) {
    if (offset < 0 || offset + width > size) {
      throw new IndexOutOfBoundsException(
          "blob write of " + width + " bytes at " + offset + " outside its " + size + " bytes");
    }
  }
}
