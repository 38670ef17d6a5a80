package io.capsa.sys;

/**
 * The kernel's {@code struct open_how} for openat2: O_* {@code flags}, the {@code mode} of a
 * created file, and RESOLVE_* flags that confine path resolution (RESOLVE_IN_ROOT treats the
 * directory fd as "/" for every component and symlink, which is what keeps a container's paths
 * inside its rootfs).
 */
public record OpenHow(long flags, long mode, long resolve) {
  /** Opens an existing file with {@code flags}, resolving as {@code resolve} allows. */
  public static OpenHow of(long flags, long resolve) {
    return new OpenHow(flags, 0, resolve);
  }
}
