package io.capsa.oci.freebsd;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Uint8;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** The jail a FreeBSD container runs in. */
public record Jail(
    String parent,
    SharingModeNoDisable host,
    SharingMode ip4,
    List<String> ip4Addr,
    SharingMode ip6,
    List<String> ip6Addr,
    SharingModeNoDisable vnet,
    @JsonName("interface") String networkInterface,
    List<String> vnetInterfaces,
    SharingMode sysvmsg,
    SharingMode sysvsem,
    SharingMode sysvshm,
    @Uint8 Integer enforceStatfs,
    JailAllow allow,
    UnknownFields unknownFields) {
  public Jail {
    ip4Addr = Immutable.list(ip4Addr);
    ip6Addr = Immutable.list(ip6Addr);
    vnetInterfaces = Immutable.list(vnetInterfaces);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Jail}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Jail}; members left unset stay absent. */
  public static final class Builder {
    private String parent;
    private SharingModeNoDisable host;
    private SharingMode ip4;
    private List<String> ip4Addr;
    private SharingMode ip6;
    private List<String> ip6Addr;
    private SharingModeNoDisable vnet;
    private String networkInterface;
    private List<String> vnetInterfaces;
    private SharingMode sysvmsg;
    private SharingMode sysvsem;
    private SharingMode sysvshm;
    private Integer enforceStatfs;
    private JailAllow allow;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Jail from) {
      parent = from.parent;
      host = from.host;
      ip4 = from.ip4;
      ip4Addr = from.ip4Addr;
      ip6 = from.ip6;
      ip6Addr = from.ip6Addr;
      vnet = from.vnet;
      networkInterface = from.networkInterface;
      vnetInterfaces = from.vnetInterfaces;
      sysvmsg = from.sysvmsg;
      sysvsem = from.sysvsem;
      sysvshm = from.sysvshm;
      enforceStatfs = from.enforceStatfs;
      allow = from.allow;
      unknownFields = from.unknownFields;
    }

    public Builder parent(String parent) {
      this.parent = parent;
      return this;
    }

    public Builder host(SharingModeNoDisable host) {
      this.host = host;
      return this;
    }

    public Builder ip4(SharingMode ip4) {
      this.ip4 = ip4;
      return this;
    }

    public Builder ip4Addr(List<String> ip4Addr) {
      this.ip4Addr = ip4Addr;
      return this;
    }

    public Builder ip6(SharingMode ip6) {
      this.ip6 = ip6;
      return this;
    }

    public Builder ip6Addr(List<String> ip6Addr) {
      this.ip6Addr = ip6Addr;
      return this;
    }

    public Builder vnet(SharingModeNoDisable vnet) {
      this.vnet = vnet;
      return this;
    }

    public Builder networkInterface(String networkInterface) {
      this.networkInterface = networkInterface;
      return this;
    }

    public Builder vnetInterfaces(List<String> vnetInterfaces) {
      this.vnetInterfaces = vnetInterfaces;
      return this;
    }

    public Builder sysvmsg(SharingMode sysvmsg) {
      this.sysvmsg = sysvmsg;
      return this;
    }

    public Builder sysvsem(SharingMode sysvsem) {
      this.sysvsem = sysvsem;
      return this;
    }

    public Builder sysvshm(SharingMode sysvshm) {
      this.sysvshm = sysvshm;
      return this;
    }

    public Builder enforceStatfs(Integer enforceStatfs) {
      this.enforceStatfs = enforceStatfs;
      return this;
    }

    public Builder allow(JailAllow allow) {
      this.allow = allow;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Jail build() {
      return new Jail(
          parent,
          host,
          ip4,
          ip4Addr,
          ip6,
          ip6Addr,
          vnet,
          networkInterface,
          vnetInterfaces,
          sysvmsg,
          sysvsem,
          sysvshm,
          enforceStatfs,
          allow,
          unknownFields);
    }
  }
}
