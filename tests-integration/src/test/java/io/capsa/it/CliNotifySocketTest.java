package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.it.NotifyListener.Message;
import io.capsa.sys.UnixAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NOTIFY_SOCKET through the real ./capsa, proxied as runc proxies it: a socket on the host
 * stands in for systemd's, and the container's process sends to its own $NOTIFY_SOCKET with
 * sd-notify, as a service calling sd_notify(3) would.
 */
class CliNotifySocketTest extends CliTestSupport {
  /** What the container's process sends; only the READY= line may reach the host. */
  private static final String NOTIFY = "echo \"sees $NOTIFY_SOCKET\"; sd-notify STATUS=starting;"
      + " sd-notify READY=1; ";
  private static final Duration QUIET = Duration.ofSeconds(5);

  @BeforeEach
  void needsRootAndACompiler() {
    SdNotifySender.assumeBuildable();
  }

  private Path bundle(String script) throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sh", "-c", script));
    SdNotifySender.installIn(bundle.resolve("rootfs"));
    return bundle;
  }

  /** ./capsa ARGS with NOTIFY_SOCKET={@code address}, in place of the shell (same pid). */
  private CapsaProcess.Result capsa(String address, String args) throws Exception {
    return cli.shell("NOTIFY_SOCKET='" + address + "' exec \"$CAPSA\" --root \"$ROOT\" " + args);
  }

  private NotifyListener listener() {
    return NotifyListener.at(UnixAddress.path(dir.resolve("systemd-notify.sock").toString()));
  }

  private static List<Message> readyFor(long mainPid) {
    return List.of(new Message("READY=1\n", 0), new Message("MAINPID=" + mainPid + "\n", 0),
        new Message("BARRIER=1", 1));
  }

  private static List<Message> received(CompletableFuture<List<Message>> messages)
      throws Exception {
    return messages.get(60, TimeUnit.SECONDS);
  }

  private void assertNothingLeftOf(String id) throws Exception {
    assertFalse(Files.exists(cli.root().resolve(id)), "the state directory is gone");
    assertEquals("", cli.ok("list", "-q").stdout());
  }

  @Test
  void runDetachedReturnsOnceReadyAndNamesTheInitAsMainPid() throws Exception {
    Path bundle = bundle(NOTIFY + "exec sleep 1000");
    try (NotifyListener systemd = listener()) {
      CompletableFuture<List<Message>> messages = systemd.receiveUntilBarrier(QUIET);

      CapsaProcess.Result run = capsa(systemd.address(), "run -d --bundle " + bundle + " web");

      assertEquals(0, run.exitCode(), run.stderr());
      assertTrue(run.stdout().contains("sees /run/notify/notify.sock"), run.stdout());
      assertEquals(readyFor(cli.state("web").get("pid").asLong()), received(messages));
    }
    cli.ok("delete", "--force", "web");
    assertNothingLeftOf("web");
  }

  @Test
  void createThenStartPassesReadyOnWithTheInitsPid() throws Exception {
    Path bundle = bundle(NOTIFY + "exec sleep 1000");
    try (NotifyListener systemd = listener()) {
      CompletableFuture<List<Message>> messages = systemd.receiveUntilBarrier(QUIET);

      CapsaProcess.Result create = capsa(systemd.address(), "create --bundle " + bundle + " web");
      assertEquals(0, create.exitCode(), create.stderr());
      Path notifyDirectory = cli.root().resolve("web/notify");
      try (var entries = Files.list(notifyDirectory)) {
        assertEquals(0, entries.count(), "create binds nothing: start does");
      }
      long pid = cli.state("web").get("pid").asLong();

      CapsaProcess.Result start = capsa(systemd.address(), "start web");

      assertEquals(0, start.exitCode(), start.stderr());
      assertEquals(readyFor(pid), received(messages));
      assertTrue(Files.exists(notifyDirectory.resolve("notify.sock")));
    }
    cli.ok("delete", "--force", "web");
    assertNothingLeftOf("web");
  }

  @Test
  void aForegroundRunNamesItselfAsMainPidAndExitsWithTheProcess() throws Exception {
    Path bundle = bundle(NOTIFY + "exit 7");
    Path pidFile = dir.resolve("capsa.pid");
    try (NotifyListener systemd = listener()) {
      CompletableFuture<List<Message>> messages = systemd.receiveUntilBarrier(QUIET);

      CapsaProcess.Result run = cli.shell("echo $$ > " + pidFile + "; NOTIFY_SOCKET='"
          + systemd.address() + "' exec \"$CAPSA\" --root \"$ROOT\" run --bundle " + bundle
          + " web");

      assertEquals(7, run.exitCode(), run.stderr());
      assertTrue(run.stdout().contains("sees /run/notify/notify.sock"), run.stdout());
      assertEquals(readyFor(Long.parseLong(Files.readString(pidFile).trim())),
          received(messages));
    }
    assertNothingLeftOf("web");
  }

  @Test
  void anAbstractNotifySocketIsReachedToo() throws Exception {
    Path bundle = bundle(NOTIFY + "exec sleep 1000");
    UnixAddress address = UnixAddress.abstractName("capsa-test-" + UUID.randomUUID());
    try (NotifyListener systemd = NotifyListener.at(address)) {
      CompletableFuture<List<Message>> messages = systemd.receiveUntilBarrier(QUIET);

      CapsaProcess.Result run = capsa(systemd.address(), "run -d --bundle " + bundle + " web");

      assertEquals(0, run.exitCode(), run.stderr());
      assertEquals(readyFor(cli.state("web").get("pid").asLong()), received(messages));
    }
  }

  @Test
  void withoutReadyTheWaitEndsWithTheContainer() throws Exception {
    Path bundle = bundle("sd-notify STATUS=never-ready; sleep 1; exit 3");
    try (NotifyListener systemd = listener()) {
      CompletableFuture<List<Message>> messages = systemd.receiveUntilBarrier(QUIET);

      assertEquals(0, capsa(systemd.address(), "create --bundle " + bundle + " once").exitCode());
      CapsaProcess.Result start = capsa(systemd.address(), "start once");
      assertEquals(0, start.exitCode(), start.stderr());
      assertEquals("stopped", cli.state("once").get("status").asText(),
          "start returned only once the init was gone");
      CapsaProcess.Result run = capsa(systemd.address(), "run --bundle " + bundle + " twice");
      assertEquals(3, run.exitCode(), run.stderr());

      assertEquals(List.of(), received(messages));
    }
    cli.ok("delete", "once");
    assertNothingLeftOf("once");
  }

  @Test
  void anUnreachableNotifySocketIsRefusedBeforeAnythingIsMade() throws Exception {
    Path bundle = bundle("true");
    Path nobody = dir.resolve("nobody.sock");

    CapsaProcess.Result run = capsa(nobody.toString(), "run -d --bundle " + bundle + " web");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("connecting to NOTIFY_SOCKET: connect " + nobody
        + ": ENOENT (no such file or directory)"), run.stderr());
    assertNothingLeftOf("web");
  }
}
