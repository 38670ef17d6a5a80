package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * A mount to set up in the container, in the order of {@link Spec#mounts()}.
 *
 * @param destination absolute path inside the container
 * @param type the filesystem type, such as {@code tmpfs}
 * @param source a device, a host path for a bind mount, or a name such as {@code proc}
 * @param options mount options such as {@code nosuid}, {@code rbind} or {@code size=65536k}
 * @param uidMappings user ids of an id-mapped mount
 * @param gidMappings group ids of an id-mapped mount
 */
public record Mount(
    @Required String destination,
    String type,
    String source,
    List<String> options,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    UnknownFields unknownFields) {
  public Mount {
    Objects.requireNonNull(destination, "destination");
    options = Immutable.list(options);
    uidMappings = Immutable.list(uidMappings);
    gidMappings = Immutable.list(gidMappings);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A mount without id mappings. */
  public Mount(String destination, String type, String source, List<String> options) {
    this(destination, type, source, options, null, null, UnknownFields.none());
  }
}
