package io.capsa.oci.features;

import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/** What a runtime supports on Linux. */
public record LinuxFeatures(
    List<NamespaceType> namespaces,
    List<@Pattern("^CAP_[A-Z_]+$") String> capabilities,
    CgroupFeatures cgroup,
    SeccompFeatures seccomp,
    EnabledFeature apparmor,
    EnabledFeature selinux,
    IntelRdtFeatures intelRdt,
    MemoryPolicyFeatures memoryPolicy,
    MountExtensions mountExtensions,
    EnabledFeature netDevices,
    UnknownFields unknownFields) {
  public LinuxFeatures {
    namespaces = Immutable.list(namespaces);
    capabilities = Immutable.list(capabilities);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code LinuxFeatures}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link LinuxFeatures}; members left unset stay absent. */
  public static final class Builder {
    private List<NamespaceType> namespaces;
    private List<String> capabilities;
    private CgroupFeatures cgroup;
    private SeccompFeatures seccomp;
    private EnabledFeature apparmor;
    private EnabledFeature selinux;
    private IntelRdtFeatures intelRdt;
    private MemoryPolicyFeatures memoryPolicy;
    private MountExtensions mountExtensions;
    private EnabledFeature netDevices;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(LinuxFeatures from) {
      namespaces = from.namespaces;
      capabilities = from.capabilities;
      cgroup = from.cgroup;
      seccomp = from.seccomp;
      apparmor = from.apparmor;
      selinux = from.selinux;
      intelRdt = from.intelRdt;
      memoryPolicy = from.memoryPolicy;
      mountExtensions = from.mountExtensions;
      netDevices = from.netDevices;
      unknownFields = from.unknownFields;
    }

    public Builder namespaces(List<NamespaceType> namespaces) {
      this.namespaces = namespaces;
      return this;
    }

    public Builder capabilities(List<String> capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    public Builder cgroup(CgroupFeatures cgroup) {
      this.cgroup = cgroup;
      return this;
    }

    public Builder seccomp(SeccompFeatures seccomp) {
      this.seccomp = seccomp;
      return this;
    }

    public Builder apparmor(EnabledFeature apparmor) {
      this.apparmor = apparmor;
      return this;
    }

    public Builder selinux(EnabledFeature selinux) {
      this.selinux = selinux;
      return this;
    }

    public Builder intelRdt(IntelRdtFeatures intelRdt) {
      this.intelRdt = intelRdt;
      return this;
    }

    public Builder memoryPolicy(MemoryPolicyFeatures memoryPolicy) {
      this.memoryPolicy = memoryPolicy;
      return this;
    }

    public Builder mountExtensions(MountExtensions mountExtensions) {
      this.mountExtensions = mountExtensions;
      return this;
    }

    public Builder netDevices(EnabledFeature netDevices) {
      this.netDevices = netDevices;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public LinuxFeatures build() {
      return new LinuxFeatures(
          namespaces,
          capabilities,
          cgroup,
          seccomp,
          apparmor,
          selinux,
          intelRdt,
          memoryPolicy,
          mountExtensions,
          netDevices,
          unknownFields);
    }
  }
}
