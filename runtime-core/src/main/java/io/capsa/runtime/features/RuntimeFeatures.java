package io.capsa.runtime.features;

import io.capsa.oci.Features;
import io.capsa.oci.Spec;
import io.capsa.oci.features.CgroupFeatures;
import io.capsa.oci.features.EnabledFeature;
import io.capsa.oci.features.IntelRdtFeatures;
import io.capsa.oci.features.LinuxFeatures;
import io.capsa.oci.features.MemoryPolicyFeatures;
import io.capsa.oci.features.MountExtensions;
import io.capsa.oci.features.SeccompFeatures;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.runtime.ContainerConfig;
import io.capsa.runtime.hooks.HookPhase;
import io.capsa.runtime.seccomp.SeccompPlan;
import io.capsa.sys.Arch;
import io.capsa.runtime.namespaces.NamespaceKind;
import io.capsa.runtime.process.Capability;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.rootfs.RootfsPlan;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What this runtime supports, as the runtime-spec's features.json describes it ({@code runc
 * features}), built from the tables the runtime itself validates against, so that it never
 * claims more than a create accepts: the hook phases, the mount options the rootfs plan parses,
 * every namespace and capability it knows, AppArmor and SELinux where the host has them, every
 * memory policy mode and flag, its own cgroup v2 manager (rdma limits included), and seccomp
 * with what its compiler supports (every action but SCMP_ACT_NOTIFY, every operator, this
 * host's ABIs, the flags but SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV). Cgroup v1, systemd's
 * cgroup driver, Intel RDT, id-mapped mounts and network devices are reported off: a create
 * refuses configurations that ask for them.
 */
public final class RuntimeFeatures {
  /** The oldest config.json version a create accepts. */
  static final String OCI_VERSION_MIN = "1.0.0";

  private RuntimeFeatures() {}

  /** The features of this runtime on this host. */
  public static Features describe() {
    return describe(KernelFeatures.detect());
  }

  static Features describe(KernelFeatures kernel) {
    return Features.builder()
        .ociVersionMin(OCI_VERSION_MIN)
        .ociVersionMax(Spec.OCI_VERSION)
        .hooks(Arrays.stream(HookPhase.values()).map(HookPhase::jsonName).toList())
        .mountOptions(RootfsPlan.knownMountOptions())
        .linux(linux(kernel))
        .potentiallyUnsafeConfigAnnotations(List.of(ContainerConfig.REAPER_ANNOTATION))
        .build();
  }

  private static SeccompFeatures seccomp() {
    return new SeccompFeatures(true, List.copyOf(SeccompPlan.supportedActions()),
        List.copyOf(SeccompPlan.supportedOperators()),
        List.copyOf(SeccompPlan.supportedArchitectures(Arch.current())),
        List.of(SeccompFlag.values()), List.copyOf(SeccompPlan.supportedFlags()));
  }

  private static LinuxFeatures linux(KernelFeatures kernel) {
    return LinuxFeatures.builder()
        .namespaces(Arrays.stream(NamespaceType.values())
            .sorted(Comparator.comparing(NamespaceKind::jsonName)).toList())
        .capabilities(Arrays.stream(Capability.values()).map(Capability::name).toList())
        .cgroup(new CgroupFeatures(false, true, false, false, true))
        .seccomp(seccomp())
        .apparmor(new EnabledFeature(kernel.appArmorEnabled()))
        .selinux(new EnabledFeature(kernel.selinuxEnabled()))
        .intelRdt(new IntelRdtFeatures(false, null, null))
        .memoryPolicy(new MemoryPolicyFeatures(sortedByName(MemoryPolicyMode.values()),
            sortedByName(MemoryPolicyFlag.values())))
        // idmap and ridmap are recognized options, but a create refuses id-mapped mounts.
        .mountExtensions(new MountExtensions(new EnabledFeature(false)))
        .netDevices(new EnabledFeature(false))
        .build();
  }

  /** As runc lists them. */
  private static <E extends Enum<E>> List<E> sortedByName(E[] values) {
    return Arrays.stream(values).sorted(Comparator.comparing(Enum::name)).toList();
  }
}
