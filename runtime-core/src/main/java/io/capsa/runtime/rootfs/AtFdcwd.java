package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.AT_FDCWD;

import io.capsa.init.Arg;
import io.capsa.init.InitProgramBuilder;

/**
 * AT_FDCWD as an fd argument: only for host paths (a bind mount's source, the rootfs) and for
 * the root after the switch into it, never for a path inside a rootfs that is not yet the root.
 */
final class AtFdcwd {
  private AtFdcwd() {}

  static Arg.Immediate of(InitProgramBuilder b) {
    return Arg.fd((int) b.constant(AT_FDCWD));
  }
}
