package io.capsa.sys;

/**
 * The kernel's {@code struct mount_attr} for mount_setattr: MOUNT_ATTR_* flags to set and to
 * clear, a propagation type (MS_PRIVATE, MS_SHARED, MS_SLAVE, MS_UNBINDABLE or 0 to keep it),
 * and a user namespace fd for MOUNT_ATTR_IDMAP (0 when unused).
 */
public record MountAttr(long attrSet, long attrClear, long propagation, long userNamespaceFd) {
  /** Sets and clears flags, leaving propagation and id mapping alone. */
  public static MountAttr flags(long attrSet, long attrClear) {
    return new MountAttr(attrSet, attrClear, 0, 0);
  }
}
