package io.capsa.init;

/**
 * Anything a builder method accepts where the syscall takes a number that may only be known
 * when the program runs: an immediate ({@link Arg#fd(int)}), a pointer into the blob, or the
 * result of an earlier op (the {@link Step} a builder method returned).
 */
public interface Operand {
  Arg asArg();
}
