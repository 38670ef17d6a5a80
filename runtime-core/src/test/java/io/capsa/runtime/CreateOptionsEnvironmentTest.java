package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.namespaces.NamespaceConversion;
import io.capsa.runtime.process.KernelFeatures;
import io.capsa.runtime.state.ContainerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment a caller adds at create (runc's LISTEN_FDS), after config.json's. */
class CreateOptionsEnvironmentTest {

  private static Spec spec(List<String> env) {
    return Spec.builder().root(new Root("rootfs"))
        .process(ProcessConfig.builder().args(List.of("sh")).cwd("/").env(env).build())
        .linux(Linux.builder().namespaces(List.of(new Namespace(NamespaceType.MOUNT))).build())
        .build();
  }

  @TempDir Path bundle;

  private ContainerConfig configure(Spec spec, CreateOptions options) throws IOException {
    Files.createDirectories(bundle.resolve("rootfs"));
    return ContainerConfig.from(new ContainerId("c"), bundle, spec, options, TestCgroups.PURE_V2,
        false, new NamespaceConversion(type -> true), new KernelFeatures(40, false, false));
  }

  @Test
  void addedEntriesFollowTheConfigsOwn() throws IOException {
    ContainerConfig config = configure(spec(List.of("PATH=/bin", "LISTEN_FDS=9")),
        CreateOptions.builder().environment(List.of("LISTEN_FDS=1", "LISTEN_PID=1")).build());
    assertEquals(List.of("PATH=/bin", "LISTEN_FDS=9", "LISTEN_FDS=1", "LISTEN_PID=1"),
        config.spec().process().env());
  }

  @Test
  void withoutAddedEntriesTheSpecIsTheBundles() throws IOException {
    Spec spec = spec(List.of("PATH=/bin"));
    assertSame(spec, configure(spec, CreateOptions.defaults()).spec());
  }
}
