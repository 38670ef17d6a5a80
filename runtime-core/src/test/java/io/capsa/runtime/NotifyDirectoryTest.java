package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.InitProgram;
import io.capsa.oci.Mount;
import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container's side of the notify socket, in runc's layout. */
class NotifyDirectoryTest {
  @TempDir Path dir;

  private static Spec spec() {
    Spec example = Spec.example();
    return example.toBuilder().process(example.process().toBuilder()
        .env(List.of("PATH=/bin", "NOTIFY_SOCKET=/from/the/config")).build()).build();
  }

  @Test
  void theDirectoryIsMountedAfterTheConfigsMountsAndTheVariableWins() {
    Path state = dir.resolve("root/web");
    Spec spec = NotifyDirectory.of(state).addTo(spec());

    Mount last = spec.mounts().get(spec.mounts().size() - 1);
    assertEquals(spec().mounts(), spec.mounts().subList(0, spec.mounts().size() - 1));
    assertEquals("/run/notify", last.destination());
    assertEquals(state.resolve("notify").toString(), last.source());
    assertEquals(List.of("bind", "nosuid", "noexec", "nodev", "ro"), last.options());
    assertEquals(List.of("PATH=/bin", "NOTIFY_SOCKET=/from/the/config",
        "NOTIFY_SOCKET=/run/notify/notify.sock"), spec.process().env());
    assertEquals(state.resolve("notify/notify.sock"), NotifyDirectory.of(state).socket());
  }

  @Test
  void aSocketPathNoAddressCanHoldIsRefused() {
    Path state = dir.resolve("x".repeat(100));

    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> NotifyDirectory.of(state).addTo(spec()));

    assertTrue(failure.getMessage().startsWith("the notify socket " + state), failure.getMessage());
    assertTrue(failure.getMessage().contains("longer than 107 bytes"), failure.getMessage());
  }

  @Test
  void theDryRunOfACreateWithANotifySocketBindMountsIt() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.createDirectories(bundle.resolve("rootfs"));
    Spec example = Spec.example();
    ProcessConfig process = example.process().toBuilder().terminal(false).build();
    Files.writeString(bundle.resolve("config.json"),
        OciJson.write(example.toBuilder().process(process).build()));
    Path root = dir.resolve("state");
    ContainerRuntime runtime = ContainerRuntime.builder().root(root).build();

    InitProgram with = runtime.explain("web", bundle,
        CreateOptions.builder().notifySocket(true).build());
    InitProgram without = runtime.explain("web", bundle, CreateOptions.defaults());

    String notifyDirectory = root.resolve("web/notify").toString();
    assertTrue(with.render().contains(notifyDirectory), with.render());
    assertTrue(with.render().contains("NOTIFY_SOCKET=/run/notify/notify.sock"), with.render());
    assertFalse(without.render().contains(notifyDirectory), without.render());
    assertFalse(Files.exists(root), "a dry run creates nothing");
  }
}
