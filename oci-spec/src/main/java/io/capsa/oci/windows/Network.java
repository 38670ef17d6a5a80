package io.capsa.oci.windows;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The network of a Windows container. */
public record Network(
    List<String> endpointList,
    @JsonName("allowUnqualifiedDNSQuery") Boolean allowUnqualifiedDnsQuery,
    @JsonName("DNSSearchList") List<String> dnsSearchList,
    String networkSharedContainerName,
    String networkNamespace,
    UnknownFields unknownFields) {
  public Network {
    endpointList = Immutable.list(endpointList);
    dnsSearchList = Immutable.list(dnsSearchList);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Network(
      List<String> endpointList,
      Boolean allowUnqualifiedDnsQuery,
      List<String> dnsSearchList,
      String networkSharedContainerName,
      String networkNamespace) {
    this(
        endpointList,
        allowUnqualifiedDnsQuery,
        dnsSearchList,
        networkSharedContainerName,
        networkNamespace,
        UnknownFields.none());
  }
}
