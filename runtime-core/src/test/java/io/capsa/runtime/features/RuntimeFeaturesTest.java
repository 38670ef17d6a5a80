package io.capsa.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Features;
import io.capsa.oci.OciJson;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.rootfs.RootfsPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeFeaturesTest {

  private static final Features FEATURES = RuntimeFeatures.describe(new KernelFeatures(40, true, false));

  @Test
  void everyHookPhaseInTheSpecsOrder() {
    assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer",
        "poststart", "poststop"), FEATURES.hooks());
  }

  @Test
  void mountOptionsAreTheRootfsPlansTable() {
    List<String> options = FEATURES.mountOptions();
    assertEquals(RootfsPlan.knownMountOptions(), options);
    for (String option : List.of("ro", "rro", "nosuid", "rnosuid", "noatime", "ratime", "bind",
        "rbind", "remount", "idmap", "ridmap", "rslave", "private", "sync", "nolazytime")) {
      assertTrue(options.contains(option), option);
    }
    assertFalse(options.contains("tmpcopyup"), "refused by the rootfs plan");
    assertEquals(options.stream().sorted().toList(), options);
  }

  @Test
  void namespacesCapabilitiesAndLsmsAsTheRuntimeKnowsThem() {
    assertEquals(List.of(NamespaceType.CGROUP, NamespaceType.IPC, NamespaceType.MOUNT,
        NamespaceType.NETWORK, NamespaceType.PID, NamespaceType.TIME, NamespaceType.USER,
        NamespaceType.UTS), FEATURES.linux().namespaces());
    assertTrue(FEATURES.linux().capabilities().contains("CAP_SYS_ADMIN"));
    assertTrue(FEATURES.linux().apparmor().enabled());
    assertFalse(FEATURES.linux().selinux().enabled());
  }

  @Test
  void whatIsNotImplementedIsReportedOff() {
    assertFalse(FEATURES.linux().cgroup().v1());
    assertFalse(FEATURES.linux().cgroup().systemd());
    assertFalse(FEATURES.linux().intelRdt().enabled());
    assertFalse(FEATURES.linux().netDevices().enabled());
    assertFalse(FEATURES.linux().mountExtensions().idMap().enabled());
  }

  @Test
  void everyMemoryPolicyModeAndFlagIsSupported() {
    assertEquals(List.of(MemoryPolicyMode.MPOL_BIND, MemoryPolicyMode.MPOL_DEFAULT,
        MemoryPolicyMode.MPOL_INTERLEAVE, MemoryPolicyMode.MPOL_LOCAL,
        MemoryPolicyMode.MPOL_PREFERRED, MemoryPolicyMode.MPOL_PREFERRED_MANY,
        MemoryPolicyMode.MPOL_WEIGHTED_INTERLEAVE), FEATURES.linux().memoryPolicy().modes());
    assertEquals(List.of(MemoryPolicyFlag.MPOL_F_NUMA_BALANCING,
        MemoryPolicyFlag.MPOL_F_RELATIVE_NODES, MemoryPolicyFlag.MPOL_F_STATIC_NODES),
        FEATURES.linux().memoryPolicy().flags());
  }

  @Test
  void seccompIsReportedWithWhatTheCompilerSupports() {
    assertTrue(FEATURES.linux().seccomp().enabled());
    assertFalse(FEATURES.linux().seccomp().actions().contains(SeccompAction.SCMP_ACT_NOTIFY));
    assertTrue(FEATURES.linux().seccomp().actions().contains(SeccompAction.SCMP_ACT_KILL_PROCESS));
    assertEquals(7, FEATURES.linux().seccomp().operators().size());
    assertTrue(FEATURES.linux().seccomp().archs().size() >= 1);
    assertEquals(4, FEATURES.linux().seccomp().knownFlags().size());
    assertFalse(FEATURES.linux().seccomp().supportedFlags()
        .contains(SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV));
  }

  @Test
  void theCgroupV2ManagerIsReported() {
    assertTrue(FEATURES.linux().cgroup().v2());
    assertTrue(FEATURES.linux().cgroup().rdma());
  }

  @Test
  void theReaperAnnotationChangesWhatTheRuntimeDoes() {
    assertEquals(List.of("io.capsa.reaper"), FEATURES.potentiallyUnsafeConfigAnnotations());
  }

  @Test
  void isAValidDocument() {
    assertEquals(List.of(), OciJson.validate(FEATURES));
  }
}
