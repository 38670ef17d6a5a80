package io.capsa.oci.windows;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.MinItems;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The Windows section of config.json. {@code credentialSpec} is free-form in the spec and kept
 * member by member.
 */
public record Windows(
    @Required @MinItems(1) List<String> layerFolders,
    List<Device> devices,
    Resources resources,
    UnknownFields credentialSpec,
    Boolean servicing,
    Boolean ignoreFlushesDuringBoot,
    @JsonName("hyperv") HyperV hyperV,
    Network network,
    UnknownFields unknownFields) {
  public Windows {
    Objects.requireNonNull(layerFolders, "layerFolders");
    layerFolders = Immutable.list(layerFolders);
    devices = Immutable.list(devices);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Windows(
      List<String> layerFolders,
      List<Device> devices,
      Resources resources,
      UnknownFields credentialSpec,
      Boolean servicing,
      Boolean ignoreFlushesDuringBoot,
      HyperV hyperV,
      Network network) {
    this(
        layerFolders,
        devices,
        resources,
        credentialSpec,
        servicing,
        ignoreFlushesDuringBoot,
        hyperV,
        network,
        UnknownFields.none());
  }
}
