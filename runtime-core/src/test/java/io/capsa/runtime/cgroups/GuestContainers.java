package io.capsa.runtime.cgroups;

import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.Stdio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real containers for the guest tests, made by {@link ContainerRuntime} from a bundle of the
 * static busybox and {@code runc spec}'s configuration, with the cgroup and limits a test gives.
 */
final class GuestContainers {
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  private final Path directory;
  private final ContainerRuntime runtime;

  GuestContainers(Path directory) {
    this.directory = directory;
    this.runtime = ContainerRuntime.builder().root(directory.resolve("state")).build();
  }

  /**
   * Creates container {@code id} running {@code sh -c script} in the cgroup at {@code cgroup}
   * with {@code resources} and runc's device rules, its stdout and stderr in {@link #output}.
   */
  Container create(String id, CgroupPath cgroup, Resources resources, String script)
      throws IOException {
    Path bundle = Files.createDirectories(directory.resolve(id));
    Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : List.of("sh", "sleep", "dd")) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    for (String empty : List.of("proc", "sys", "dev", "tmp")) {
      Files.createDirectories(bundle.resolve("rootfs").resolve(empty));
    }
    Spec example = Spec.example();
    Spec spec = example.toBuilder()
        .process(example.process().toBuilder().terminal(false)
            .args(List.of("sh", "-c", script)).build())
        .linux(example.linux().toBuilder().cgroupsPath(cgroup.value())
            .resources(resources.toBuilder()
                .devices(example.linux().resources().devices()).build())
            .build())
        .build();
    Files.writeString(bundle.resolve("config.json"), OciJson.write(spec), StandardCharsets.UTF_8);
    Path output = output(id);
    return runtime.create(id, bundle, CreateOptions.builder()
        .stdio(Stdio.files(Path.of("/dev/null"), output, output)).build());
  }

  /** What container {@code id} wrote. */
  Path output(String id) {
    return directory.resolve(id + ".out");
  }
}
