package io.capsa.oci.linux;

import io.capsa.oci.IdMapping;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Map;

/**
 * The Linux section of config.json.
 *
 * @param uidMappings user ids of the container's user namespace
 * @param gidMappings group ids of the container's user namespace
 * @param sysctl kernel parameters such as {@code net.ipv4.ip_forward}
 * @param resources cgroup limits
 * @param namespaces namespaces to create, or to join when a path is given
 * @param devices device nodes to create in the container
 * @param netDevices host network interfaces to move into the container, by host name
 * @param maskedPaths paths made unreadable
 * @param readonlyPaths paths made read-only
 * @param mountLabel the SELinux context of the mounts
 * @param timeOffsets clock offsets of a new time namespace
 */
public record Linux(
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    Map<String, String> sysctl,
    Resources resources,
    String cgroupsPath,
    List<Namespace> namespaces,
    List<Device> devices,
    Map<String, NetDevice> netDevices,
    Seccomp seccomp,
    RootfsPropagation rootfsPropagation,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String mountLabel,
    IntelRdt intelRdt,
    MemoryPolicy memoryPolicy,
    Personality personality,
    TimeOffsets timeOffsets,
    UnknownFields unknownFields) {
  public Linux {
    uidMappings = Immutable.list(uidMappings);
    gidMappings = Immutable.list(gidMappings);
    sysctl = Immutable.map(sysctl);
    namespaces = Immutable.list(namespaces);
    devices = Immutable.list(devices);
    netDevices = Immutable.map(netDevices);
    maskedPaths = Immutable.list(maskedPaths);
    readonlyPaths = Immutable.list(readonlyPaths);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Linux}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Linux}; members left unset stay absent. */
  public static final class Builder {
    private List<IdMapping> uidMappings;
    private List<IdMapping> gidMappings;
    private Map<String, String> sysctl;
    private Resources resources;
    private String cgroupsPath;
    private List<Namespace> namespaces;
    private List<Device> devices;
    private Map<String, NetDevice> netDevices;
    private Seccomp seccomp;
    private RootfsPropagation rootfsPropagation;
    private List<String> maskedPaths;
    private List<String> readonlyPaths;
    private String mountLabel;
    private IntelRdt intelRdt;
    private MemoryPolicy memoryPolicy;
    private Personality personality;
    private TimeOffsets timeOffsets;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Linux from) {
      uidMappings = from.uidMappings;
      gidMappings = from.gidMappings;
      sysctl = from.sysctl;
      resources = from.resources;
      cgroupsPath = from.cgroupsPath;
      namespaces = from.namespaces;
      devices = from.devices;
      netDevices = from.netDevices;
      seccomp = from.seccomp;
      rootfsPropagation = from.rootfsPropagation;
      maskedPaths = from.maskedPaths;
      readonlyPaths = from.readonlyPaths;
      mountLabel = from.mountLabel;
      intelRdt = from.intelRdt;
      memoryPolicy = from.memoryPolicy;
      personality = from.personality;
      timeOffsets = from.timeOffsets;
      unknownFields = from.unknownFields;
    }

    public Builder uidMappings(List<IdMapping> uidMappings) {
      this.uidMappings = uidMappings;
      return this;
    }

    public Builder gidMappings(List<IdMapping> gidMappings) {
      this.gidMappings = gidMappings;
      return this;
    }

    public Builder sysctl(Map<String, String> sysctl) {
      this.sysctl = sysctl;
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    public Builder cgroupsPath(String cgroupsPath) {
      this.cgroupsPath = cgroupsPath;
      return this;
    }

    public Builder namespaces(List<Namespace> namespaces) {
      this.namespaces = namespaces;
      return this;
    }

    public Builder devices(List<Device> devices) {
      this.devices = devices;
      return this;
    }

    public Builder netDevices(Map<String, NetDevice> netDevices) {
      this.netDevices = netDevices;
      return this;
    }

    public Builder seccomp(Seccomp seccomp) {
      this.seccomp = seccomp;
      return this;
    }

    public Builder rootfsPropagation(RootfsPropagation rootfsPropagation) {
      this.rootfsPropagation = rootfsPropagation;
      return this;
    }

    public Builder maskedPaths(List<String> maskedPaths) {
      this.maskedPaths = maskedPaths;
      return this;
    }

    public Builder readonlyPaths(List<String> readonlyPaths) {
      this.readonlyPaths = readonlyPaths;
      return this;
    }

    public Builder mountLabel(String mountLabel) {
      this.mountLabel = mountLabel;
      return this;
    }

    public Builder intelRdt(IntelRdt intelRdt) {
      this.intelRdt = intelRdt;
      return this;
    }

    public Builder memoryPolicy(MemoryPolicy memoryPolicy) {
      this.memoryPolicy = memoryPolicy;
      return this;
    }

    public Builder personality(Personality personality) {
      this.personality = personality;
      return this;
    }

    public Builder timeOffsets(TimeOffsets timeOffsets) {
      this.timeOffsets = timeOffsets;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Linux build() {
      return new Linux(
          uidMappings,
          gidMappings,
          sysctl,
          resources,
          cgroupsPath,
          namespaces,
          devices,
          netDevices,
          seccomp,
          rootfsPropagation,
          maskedPaths,
          readonlyPaths,
          mountLabel,
          intelRdt,
          memoryPolicy,
          personality,
          timeOffsets,
          unknownFields);
    }
  }
}
