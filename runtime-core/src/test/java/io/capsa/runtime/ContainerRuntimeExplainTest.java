package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.InitProgram;
import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import io.capsa.runtime.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run: the program create would run, and nothing done on the system. */
class ContainerRuntimeExplainTest {
  @TempDir Path dir;

  private Path bundle(Spec spec) throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.createDirectories(bundle.resolve("rootfs"));
    Files.writeString(bundle.resolve("config.json"), OciJson.write(spec));
    return bundle;
  }

  private static Spec spec() {
    Spec example = Spec.example();
    ProcessConfig process = example.process().toBuilder().terminal(false)
        .args(List.of("/bin/echo", "hello")).build();
    return example.toBuilder().process(process).build();
  }

  @Test
  void explainRendersTheProgramWithoutTouchingTheStateRoot() throws Exception {
    Path root = dir.resolve("state");
    ContainerRuntime runtime = ContainerRuntime.builder().root(root).build();

    InitProgram program = runtime.explain("web", bundle(spec()), CreateOptions.defaults());

    String rendered = program.render();
    assertTrue(rendered.contains("clone the container's init"), rendered);
    assertTrue(rendered.contains(root.resolve("web/exec.fifo").toString()), rendered);
    assertFalse(Files.exists(root), "a dry run creates nothing");
  }

  @Test
  void explainValidatesAsCreateDoes() throws Exception {
    ContainerRuntime runtime = ContainerRuntime.builder().root(dir.resolve("state")).build();
    Path bundle = bundle(spec().toBuilder().hostname("web").linux(
        spec().linux().toBuilder().namespaces(List.of()).build()).build());

    InvalidConfigException failure = assertThrows(InvalidConfigException.class,
        () -> runtime.explain("web", bundle, CreateOptions.defaults()));

    assertTrue(failure.getMessage().contains("$.hostname: unable to set hostname without a"
        + " private UTS namespace"), failure.getMessage());
    assertTrue(failure.getMessage().contains("$.linux.namespaces:"), failure.getMessage());
  }
}
