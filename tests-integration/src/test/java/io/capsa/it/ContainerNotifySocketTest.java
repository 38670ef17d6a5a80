package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.runtime.Container;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.NotifySocket;
import io.capsa.runtime.Stdio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's notify socket through the library: waiting for a service to be ready. */
class ContainerNotifySocketTest {
  @TempDir Path dir;

  private ContainerRuntime runtime;
  private Path bundle;

  @BeforeEach
  void bundleWithSdNotify() throws Exception {
    runtime = RealContainers.runtime(dir);
    SdNotifySender.assumeBuildable();
    bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")), List.of("sh", "-c",
        "echo $NOTIFY_SOCKET; sd-notify 'STATUS=up\nREADY=1'; exit 0"));
    SdNotifySender.installIn(bundle.resolve("rootfs"));
  }

  @Test
  void theProcessTellsTheHolderOfTheSocketThatItIsReady() throws Exception {
    CreateOptions options = CreateOptions.builder().stdio(Stdio.pipes()).notifySocket(true)
        .build();
    try (Container container = runtime.create("web", bundle, options)) {
      try (NotifySocket socket = container.bindNotifySocket().orElseThrow()) {
        assertEquals(dir.resolve("state/web/notify/notify.sock"), socket.path());
        container.start();

        assertEquals(Optional.of("READY=1"), socket.awaitReady(Duration.ofSeconds(30)));
      }
      assertEquals("/run/notify/notify.sock\n",
          new String(container.stdout().readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(0, container.exit().get().code());
    }
    assertFalse(Files.exists(dir.resolve("state/web")), "delete removed the socket with the rest");
  }

  @Test
  void withoutTheOptionThereIsNoSocketAndNoVariable() throws Exception {
    CreateOptions options = CreateOptions.builder().stdio(Stdio.pipes()).build();
    try (Container container = runtime.create("web", bundle, options)) {
      assertTrue(container.bindNotifySocket().isEmpty());
      container.start();
      assertEquals("\n", new String(container.stdout().readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
