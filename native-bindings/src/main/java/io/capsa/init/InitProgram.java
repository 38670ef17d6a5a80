package io.capsa.init;

import io.capsa.sys.Arch;
import java.util.List;
import java.util.Objects;

/**
 * What capsa-init is to do for one container process: a list of {@link Op}s for one
 * architecture and the data blob they point into. Immutable; build one with
 * {@link #builder(Arch)}, hand {@link #encode()} to capsa-init, and turn its error record back
 * into words with {@link InitFailure#describe(InitProgram)}.
 */
public final class InitProgram {
  private final Arch arch;
  private final List<Op> ops;
  private final byte[] blob;
  private final int[] relocations;
  private final byte[] encoded;

  InitProgram(Arch arch, List<Op> ops, byte[] blob, int[] relocations) {
    this.arch = Objects.requireNonNull(arch, "arch");
    this.ops = List.copyOf(ops);
    this.blob = blob.clone();
    this.relocations = relocations.clone();
    this.encoded = ProgramEncoder.encode(this);
  }

  /** A builder for a program run by the capsa-init of {@code arch}. */
  public static InitProgramBuilder builder(Arch arch) {
    return new InitProgramBuilder(arch);
  }

  /** A builder for the architecture this JVM runs on. */
  public static InitProgramBuilder builder() {
    return builder(Arch.current());
  }

  public Arch arch() {
    return arch;
  }

  public List<Op> ops() {
    return ops;
  }

  public Op op(int index) {
    if (index < 0 || index >= ops.size()) {
      throw new IndexOutOfBoundsException(
          "the program has ops 0 to " + (ops.size() - 1) + ", not " + index);
    }
    return ops.get(index);
  }

  /** The program in capsa-init's binary format (src/main/c/FORMAT.md), for its program fd. */
  public byte[] encode() {
    return encoded.clone();
  }

  /** The program as text, one line per op (what {@code capsa create --dry-run} prints). */
  public String render() {
    return ProgramRenderer.render(this);
  }

  @Override
  public String toString() {
    return render();
  }

  byte[] blob() {
    return blob.clone();
  }

  int[] relocations() {
    return relocations.clone();
  }
}
