package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.oci.Problem;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.IntelRdt;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.NetDevice;
import io.capsa.oci.linux.RootfsPropagation;
import io.capsa.oci.solaris.Solaris;
import io.capsa.oci.vm.Kernel;
import io.capsa.oci.vm.Vm;
import io.capsa.runtime.config.InvalidConfigException;
import io.capsa.runtime.namespaces.NamespaceConversion;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.state.ContainerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversion and validation of a whole configuration: every part's problems in one go. */
class ContainerConfigTest {
  @TempDir Path bundle;

  private ContainerConfig convert(Spec spec) throws Exception {
    return convert(spec, CreateOptions.defaults());
  }

  private ContainerConfig convert(Spec spec, CreateOptions options) throws Exception {
    Files.createDirectories(bundle.resolve("rootfs"));
    return ContainerConfig.from(new ContainerId("web"), bundle, spec, options,
        TestCgroups.PURE_V2, false, new NamespaceConversion(type -> true),
        new KernelFeatures(40, false, false));
  }

  private static Spec valid() {
    Spec example = Spec.example();
    return example.toBuilder().process(example.process().toBuilder().terminal(false).build())
        .build();
  }

  @Test
  void aValidConfigurationConverts() throws Exception {
    ContainerConfig config = convert(valid().toBuilder()
        .annotations(Map.of(ContainerConfig.REAPER_ANNOTATION, "true")).build());

    assertEquals(bundle.toRealPath().resolve("rootfs"), config.rootfs());
    assertTrue(config.reaper());
    assertTrue(config.namespaces().creates(NamespaceType.PID));
    assertEquals("runc", config.hostname().orElseThrow());
  }

  @Test
  void theProblemsOfEveryPartComeTogether() {
    Spec valid = valid();
    List<Namespace> namespaces = new ArrayList<>(valid.linux().namespaces());
    namespaces.add(new Namespace(NamespaceType.NETWORK));
    Spec spec = valid.toBuilder()
        .process(valid.process().toBuilder().terminal(true).cwd("relative").build())
        .linux(valid.linux().toBuilder().namespaces(namespaces).build())
        .hooks(Hooks.builder().createRuntime(List.of(new Hook("hook"))).build())
        .annotations(Map.of(ContainerConfig.REAPER_ANNOTATION, "yes"))
        .build();

    InvalidConfigException failure = assertThrows(InvalidConfigException.class,
        () -> convert(spec));

    List<String> paths = failure.problems().stream().map(Problem::jsonPath).toList();
    assertEquals(List.of("$.linux.namespaces[5].type", "$.hooks.createRuntime[0].path",
        "$.process.cwd", "$.process.terminal", "$.annotations['io.capsa.reaper']"), paths,
        failure.getMessage());
  }

  @Test
  void settingsCapsaDoesNotImplementAreRefusedWithTheOtherProblems() {
    Spec valid = valid();
    Spec spec = valid.toBuilder()
        .vm(new Vm(null, new Kernel("/boot/vmlinuz", null, null), null, null))
        .linux(valid.linux().toBuilder()
            .intelRdt(new IntelRdt("clos", null, "L3:0=f", null, null))
            .netDevices(Map.of("eth1", new NetDevice("ctr1")))
            .rootfsPropagation(RootfsPropagation.PRIVATE)
            .build())
        .build();

    InvalidConfigException failure = assertThrows(InvalidConfigException.class,
        () -> convert(spec, CreateOptions.builder().noPivot(true).build()));

    assertEquals(List.of(
        new Problem("$.linux.rootfsPropagation", "private is not safe without pivot_root"),
        new Problem("$.vm", "not supported: Capsa runs containers, not virtual machines (the vm"
            + " section is for hypervisor-based runtimes)"),
        new Problem("$.linux.intelRdt",
            "not supported: Capsa does not manage Intel RDT (resctrl) groups"),
        new Problem("$.linux.netDevices", "not supported: Capsa does not move network devices"
            + " into the container's network namespace")),
        failure.problems());
  }

  @Test
  void theSectionsOfOtherPlatformsAndAnEmptyNetDevicesAreNotRefused() throws Exception {
    Spec valid = valid();
    convert(valid.toBuilder()
        .solaris(new Solaris("svc:/milestone/container:default", null, null, null, null, null))
        .linux(valid.linux().toBuilder().netDevices(Map.of()).build())
        .build());
  }

  @Test
  void aContainerNeedsAProcess() {
    InvalidConfigException failure = assertThrows(InvalidConfigException.class,
        () -> convert(valid().toBuilder().process((ProcessConfig) null).build()));

    assertEquals(List.of(new Problem("$.process", "a container needs a process")),
        failure.problems());
  }
}
