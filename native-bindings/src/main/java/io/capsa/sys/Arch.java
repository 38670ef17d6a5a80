package io.capsa.sys;

import java.util.Locale;

/**
 * The CPU architectures Capsa runs containers on. Everything that differs between them
 * (syscall numbers, ABI constants, struct sizes, the seccomp audit arch, the capsa-init binary)
 * is looked up through an Arch, never assumed.
 */
public enum Arch {
  X86_64("x86_64", ArchConstant.AUDIT_ARCH_X86_64),
  PPC64LE("ppc64le", ArchConstant.AUDIT_ARCH_PPC64LE);

  private final String gnuName;
  private final ArchConstant auditArch;

  Arch(String gnuName, ArchConstant auditArch) {
    this.gnuName = gnuName;
    this.auditArch = auditArch;
  }

  /** The architecture this JVM runs on. */
  public static Arch current() {
    return fromOsArch(System.getProperty("os.arch"));
  }

  /** Maps a value of the {@code os.arch} system property; unsupported ones are an error. */
  public static Arch fromOsArch(String osArch) {
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
        return X86_64;
      case "ppc64le":
        return PPC64LE;
      default:
        throw new UnsupportedArchitectureException(osArch);
    }
  }

  /** The name GNU toolchains and uname use ("x86_64", "ppc64le"). */
  public String gnuName() {
    return gnuName;
  }

  /** The AUDIT_ARCH_* value seccomp filters compare {@code seccomp_data.arch} with. */
  public int auditArch() {
    return (int) constant(auditArch);
  }

  public int syscall(Syscall syscall) {
    return syscall.number(this);
  }

  public long constant(ArchConstant constant) {
    return constant.value(this);
  }

  /** Thrown when Capsa runs on an architecture it has no tables for. */
  public static final class UnsupportedArchitectureException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnsupportedArchitectureException(String osArch) {
      super("unsupported architecture " + osArch + ": Capsa runs on x86_64 (amd64) and ppc64le");
    }
  }
}
