package io.capsa.sys.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.capsa.sys.ArchConstant;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** C strings and structs in native memory. */
final class NativeMemory {
  private NativeMemory() {}

  /**
   * A struct of {@code fields}, checked against the size the architecture table gives for it,
   * so a field written wrongly here fails when the class loads, not inside the kernel.
   */
  static StructLayout struct(ArchConstant size, MemoryLayout... fields) {
    StructLayout layout = MemoryLayout.structLayout(fields);
    long expected = Kernel.HOST.constant(size);
    if (layout.byteSize() != expected) {
      throw new IllegalStateException(
          size
              + " is "
              + expected
              + " bytes on "
              + Kernel.HOST.gnuName()
              + " but the layout has "
              + layout.byteSize());
    }
    return layout;
  }

  /**
   * The byte offset of a named field, read and written as {@code segment.get(JAVA_INT, offset)}:
   * a struct's own VarHandle would cost a CLI's short life the method handle adapters the JDK
   * spins for it, for each field.
   */
  static long offset(StructLayout struct, String name) {
    return struct.byteOffset(PathElement.groupElement(name));
  }

  /**
   * Checks that the field {@code name} of {@code layout} is where the architecture table says
   * the C struct has it, like {@link #struct} checks the size.
   */
  static void checkOffset(StructLayout layout, String name, ArchConstant offset) {
    long actual = offset(layout, name);
    long expected = Kernel.HOST.constant(offset);
    if (actual != expected) {
      throw new IllegalStateException(
          offset + " is " + expected + " on " + Kernel.HOST.gnuName()
              + " but the layout has " + actual);
    }
  }

  /**
   * {@code text} as a NUL-terminated UTF-8 string. A NUL inside is refused: C would stop there
   * and the kernel would act on a shorter path than the one checked and logged.
   */
  static MemorySegment cString(Arena arena, String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "string contains a NUL byte: " + text.replace("\0", "\\0"));
    }
    return arena.allocateFrom(text);
  }

  /** {@link #cString}, or NULL for a null {@code text}. */
  static MemorySegment cStringOrNull(Arena arena, String text) {
    return text == null ? MemorySegment.NULL : cString(arena, text);
  }

  /** A NULL-terminated array of C strings, as argv and envp are. */
  static MemorySegment cStringArray(Arena arena, List<String> texts) {
    MemorySegment array = arena.allocate(ADDRESS, texts.size() + 1L);
    for (int i = 0; i < texts.size(); i++) {
      array.setAtIndex(ADDRESS, i, cString(arena, texts.get(i)));
    }
    array.setAtIndex(ADDRESS, texts.size(), MemorySegment.NULL);
    return array;
  }

  /** The string in a fixed-size char array of a struct (e.g. utsname), up to its NUL. */
  static String fixedString(MemorySegment struct, long offset, long capacity) {
    MemorySegment chars = struct.asSlice(offset, capacity);
    long length = 0;
    while (length < capacity && chars.get(JAVA_BYTE, length) != 0) {
      length++;
    }
    return new String(chars.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
  }
}
