package io.capsa.sys;

/** Table values for this host, as the int flags HostSyscalls takes. */
final class HostConstants {
  private HostConstants() {}

  static int value(ArchConstant constant) {
    return (int) Arch.current().constant(constant);
  }

  static int value(ArchConstant... bits) {
    int combined = 0;
    for (ArchConstant bit : bits) {
      combined |= value(bit);
    }
    return combined;
  }
}
