package io.capsa.oci;

import io.capsa.oci.freebsd.FreeBsd;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import io.capsa.oci.solaris.Solaris;
import io.capsa.oci.vm.Vm;
import io.capsa.oci.windows.Windows;
import io.capsa.oci.zos.Zos;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The container configuration, {@code config.json} of an OCI bundle (runtime-spec 1.3.0). Platform
 * sections other than {@code linux} are typed so that they read, validate and round-trip; Capsa
 * runs only Linux containers.
 *
 * @param ociVersion the runtime-spec version the document follows
 * @param process the container process; absent for a container that is only created
 * @param mounts in the order they are mounted
 */
public record Spec(
    @Required String ociVersion,
    ProcessConfig process,
    Root root,
    String hostname,
    String domainname,
    List<Mount> mounts,
    Hooks hooks,
    Map<String, String> annotations,
    Linux linux,
    Solaris solaris,
    Windows windows,
    Vm vm,
    Zos zos,
    FreeBsd freebsd,
    UnknownFields unknownFields) {
  /** The runtime-spec version this module implements and writes into new documents. */
  public static final String OCI_VERSION = "1.3.0";

  public Spec {
    Objects.requireNonNull(ociVersion, "ociVersion");
    mounts = Immutable.list(mounts);
    annotations = Immutable.map(annotations);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /**
   * What {@code runc spec} writes (runc 1.1.5 as Debian ships it): a read-only {@code rootfs}, an
   * interactive {@code sh} as root with runc's default capabilities, the standard mounts, masked
   * and read-only paths, and new pid, network, ipc, uts and mount namespaces, plus a cgroup
   * namespace on a host whose /sys/fs/cgroup is cgroup v2, as runc adds one there. Only {@code
   * ociVersion} differs: it is {@link #OCI_VERSION}, the version this module implements, where runc
   * 1.1.5 writes 1.0.2-dev.
   */
  public static Spec example() {
    return RuncExample.spec(HostFacts.cgroup2Unified());
  }

  /**
   * What {@code runc spec --rootless} writes: {@link #example()} changed to run without root, as
   * runc does it. A user namespace replaces the network namespace, container root maps to the
   * calling user and group (runc takes the effective ids), /sys is bind-mounted instead of mounted,
   * uid= and gid= mount options are dropped, and there are no cgroup resources.
   */
  public static Spec rootlessExample() {
    return RuncExample.rootless(example(), HostFacts.effectiveUid(), HostFacts.effectiveGid());
  }

  /**
   * A builder with every member absent except {@code ociVersion}, preset to {@link #OCI_VERSION}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Spec}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Spec}; members left unset stay absent. */
  public static final class Builder {
    private String ociVersion = OCI_VERSION;
    private ProcessConfig process;
    private Root root;
    private String hostname;
    private String domainname;
    private List<Mount> mounts;
    private Hooks hooks;
    private Map<String, String> annotations;
    private Linux linux;
    private Solaris solaris;
    private Windows windows;
    private Vm vm;
    private Zos zos;
    private FreeBsd freebsd;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Spec from) {
      ociVersion = from.ociVersion;
      process = from.process;
      root = from.root;
      hostname = from.hostname;
      domainname = from.domainname;
      mounts = from.mounts;
      hooks = from.hooks;
      annotations = from.annotations;
      linux = from.linux;
      solaris = from.solaris;
      windows = from.windows;
      vm = from.vm;
      zos = from.zos;
      freebsd = from.freebsd;
      unknownFields = from.unknownFields;
    }

    public Builder ociVersion(String ociVersion) {
      this.ociVersion = ociVersion;
      return this;
    }

    public Builder process(ProcessConfig process) {
      this.process = process;
      return this;
    }

    public Builder root(Root root) {
      this.root = root;
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder domainname(String domainname) {
      this.domainname = domainname;
      return this;
    }

    public Builder mounts(List<Mount> mounts) {
      this.mounts = mounts;
      return this;
    }

    public Builder hooks(Hooks hooks) {
      this.hooks = hooks;
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations = annotations;
      return this;
    }

    public Builder linux(Linux linux) {
      this.linux = linux;
      return this;
    }

    public Builder solaris(Solaris solaris) {
      this.solaris = solaris;
      return this;
    }

    public Builder windows(Windows windows) {
      this.windows = windows;
      return this;
    }

    public Builder vm(Vm vm) {
      this.vm = vm;
      return this;
    }

    public Builder zos(Zos zos) {
      this.zos = zos;
      return this;
    }

    public Builder freebsd(FreeBsd freebsd) {
      this.freebsd = freebsd;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Spec build() {
      return new Spec(
          ociVersion,
          process,
          root,
          hostname,
          domainname,
          mounts,
          hooks,
          annotations,
          linux,
          solaris,
          windows,
          vm,
          zos,
          freebsd,
          unknownFields);
    }
  }
}
