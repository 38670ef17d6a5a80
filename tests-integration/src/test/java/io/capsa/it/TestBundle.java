package io.capsa.it;

import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A bundle for real containers: a busybox rootfs and the config.json {@code runc spec} writes
 * (read-only root, new pid, network, ipc, uts and mount namespaces, runc's mounts, masked and
 * read-only paths, capabilities and limits), with the process running {@code args} without a
 * terminal, changed further by the test.
 */
final class TestBundle {
  private TestBundle() {}

  static Path create(Path dir, List<String> args) throws IOException, InterruptedException {
    return create(dir, args, spec -> spec);
  }

  static Path create(Path dir, List<String> args, UnaryOperator<Spec> customize)
      throws IOException, InterruptedException {
    BusyboxRootfs.create(dir.resolve("rootfs"));
    Spec example = Spec.example();
    ProcessConfig process = example.process().toBuilder().terminal(false).args(args).build();
    Spec spec = customize.apply(example.toBuilder().process(process).build());
    Files.writeString(dir.resolve("config.json"), OciJson.write(spec), StandardCharsets.UTF_8);
    return dir;
  }

  /** The spec with the process changed by {@code change}. */
  static Spec withProcess(Spec spec, UnaryOperator<ProcessConfig.Builder> change) {
    return spec.toBuilder().process(change.apply(spec.process().toBuilder()).build()).build();
  }
}
