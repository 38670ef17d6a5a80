package io.capsa.sys;

/**
 * The fields of the kernel's {@code struct statx} Capsa uses. {@code mask} says which of them
 * the filesystem filled in (STATX_* bits); {@code mode} holds the file type (S_IFMT bits) and
 * permissions.
 */
public record Statx(
    int mask,
    int mode,
    int uid,
    int gid,
    int nlink,
    long inode,
    long size,
    int deviceMajor,
    int deviceMinor,
    int rdeviceMajor,
    int rdeviceMinor,
    long mountId) {

  /** The S_IFMT bits of {@link #mode}, to compare with S_IFDIR, S_IFCHR, ... */
  public int fileType() {
    return mode & (int) Arch.current().constant(ArchConstant.S_IFMT);
  }
}
