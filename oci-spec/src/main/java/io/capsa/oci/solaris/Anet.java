package io.capsa.oci.solaris;

import io.capsa.oci.schema.UnknownFields;

/** An automatic network interface of a Solaris zone. */
public record Anet(
    String linkname,
    String lowerLink,
    String allowedAddress,
    String configureAllowedAddress,
    String defrouter,
    String linkProtection,
    String macAddress,
    UnknownFields unknownFields) {
  public Anet {
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Anet(
      String linkname,
      String lowerLink,
      String allowedAddress,
      String configureAllowedAddress,
      String defrouter,
      String linkProtection,
      String macAddress) {
    this(
        linkname,
        lowerLink,
        allowedAddress,
        configureAllowedAddress,
        defrouter,
        linkProtection,
        macAddress,
        UnknownFields.none());
  }
}
