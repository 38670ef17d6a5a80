package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * The user a process runs as. On Linux uid and gid are numbers in the container's user namespace;
 * runc treats absent ones as 0.
 *
 * @param username the user name, on Windows only
 */
public record User(
    @Uint32 Long uid,
    @Uint32 Long gid,
    @Uint32 Long umask,
    List<@Uint32 Long> additionalGids,
    String username,
    UnknownFields unknownFields) {
  public User {
    additionalGids = Immutable.list(additionalGids);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A user with only a uid and a gid, as {@code runc spec} writes one. */
  public User(long uid, long gid) {
    this(uid, gid, null, null, null, UnknownFields.none());
  }
}
