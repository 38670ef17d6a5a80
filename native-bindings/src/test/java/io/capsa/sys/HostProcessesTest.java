package io.capsa.sys;

import io.capsa.sys.testing.FdListing;
import static io.capsa.sys.ArchConstant.PR_SET_NO_NEW_PRIVS;
import static io.capsa.sys.ArchConstant.SIGTERM;
import static io.capsa.sys.ArchConstant.WEXITED;
import static io.capsa.sys.ArchConstant.WNOHANG;
import static io.capsa.sys.HostConstants.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HostProcessesTest {
  private final HostSyscalls host = HostSyscalls.get();

  private SpawnedProcess sh(String script, Map<Integer, Fd> childFds) {
    return host.spawn(
        new SpawnRequest(
            "/bin/sh", List.of("sh", "-c", script), List.of("PATH=/usr/bin:/bin"), childFds));
  }

  /** Runs {@code script} with stdout into a pipe; returns what it printed, once it exited 0. */
  private String output(String script, Map<Integer, Fd> moreFds) {
    try (Pipe stdout = host.pipe2(0)) {
      Map<Integer, Fd> childFds = new HashMap<>(moreFds);
      childFds.put(0, Fd.borrowed(0));
      childFds.put(1, stdout.writeEnd());
      childFds.put(2, Fd.borrowed(2));
      try (SpawnedProcess child = sh(script, childFds)) {
        stdout.writeEnd().close();
        String printed = readAll(stdout.readEnd());
        assertEquals(0, host.awaitExit(child.pidfd()).shellStatus(), printed);
        return printed;
      }
    }
  }

  private String readAll(Fd fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = host.read(fd, buffer, 0, buffer.length)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toString(UTF_8);
  }

  @Test
  void exitCodeComesBackThroughThePidfd() {
    try (SpawnedProcess child = sh("exit 7", Map.of())) {
      ChildStatus status = host.awaitExit(child.pidfd());
      assertTrue(status.exited());
      assertEquals(7, status.shellStatus());
    }
  }

  @Test
  void signalSentThroughThePidfdEndsTheChild() {
    try (SpawnedProcess child = sh("exec sleep 60", Map.of())) {
      assertTrue(host.waitid(child.pidfd(), value(WEXITED, WNOHANG)).isEmpty());
      host.pidfdSendSignal(child.pidfd(), value(SIGTERM));
      ChildStatus status = host.awaitExit(child.pidfd());
      assertTrue(status.killed());
      assertEquals(value(SIGTERM), status.status());
      assertEquals(128 + value(SIGTERM), status.shellStatus());
    }
  }

  @Test
  void signallingAReapedChildIsAnErrorNotAStrayKill() {
    try (SpawnedProcess child = sh("exit 0", Map.of())) {
      host.awaitExit(child.pidfd());
      SyscallException e =
          assertThrows(
              SyscallException.class, () -> host.pidfdSendSignal(child.pidfd(), value(SIGTERM)));
      assertTrue(e.is(Errno.ESRCH), e.getMessage());
    }
  }

  @Test
  void pidfdOpenFollowsTheSpawnedPid() throws Exception {
    try (SpawnedProcess child = sh("exec sleep 60", Map.of());
        Fd second = host.pidfdOpen(child.pid())) {
      String fdinfo = Files.readString(Path.of("/proc/self/fdinfo/" + second.number()));
      assertTrue(fdinfo.contains("Pid:\t" + child.pid()), fdinfo);
      host.pidfdSendSignal(second, value(SIGTERM));
      assertTrue(host.awaitExit(child.pidfd()).killed());
    }
  }

  @Test
  void childGetsOnlyTheMappedDescriptors() {
    try (Pipe extra = host.pipe2(0);
        Pipe unmapped = host.pipe2(0)) {
      // Without close-on-exec, only the spawn's closing keeps this one out of the child.
      host.setFdFlags(unmapped.readEnd(), 0);
      String listing = output("exec ls -l /proc/self/fd", Map.of(5, extra.readEnd()));
      List<String> fds = FdListing.numbers(listing);
      assertEquals(List.of("0", "1", "2", "5"), fds, listing);
    }
  }

  @Test
  void mappingsMaySwapDescriptors() {
    try (Pipe a = host.pipe2(0);
        Pipe b = host.pipe2(0)) {
      // a's write end is wanted as 1 and b's as 2, whatever numbers they have here.
      try (Pipe out = host.pipe2(0)) {
        Map<Integer, Fd> fds = Map.of(1, b.writeEnd(), 2, a.writeEnd(), 3, out.writeEnd());
        try (SpawnedProcess child = sh("echo to-b; echo to-a >&2; echo done >&3", fds)) {
          a.writeEnd().close();
          b.writeEnd().close();
          out.writeEnd().close();
          assertEquals("to-a\n", readAll(a.readEnd()));
          assertEquals("to-b\n", readAll(b.readEnd()));
          assertEquals("done\n", readAll(out.readEnd()));
          assertEquals(0, host.awaitExit(child.pidfd()).shellStatus());
        }
      }
    }
  }

  @Test
  void childStartsWithNoBlockedAndNoIgnoredSignals() {
    String status = output("grep -E '^Sig(Blk|Ign)' /proc/self/status", Map.of());
    Matcher masks = Pattern.compile("Sig(Blk|Ign):\\s+([0-9a-f]+)").matcher(status);
    int found = 0;
    while (masks.find()) {
      found++;
      assertEquals(0, Long.parseUnsignedLong(masks.group(2), 16), status);
    }
    assertEquals(2, found, status);
  }

  @Test
  void spawningAMissingProgramNamesIt() {
    SyscallException e =
        assertThrows(
            SyscallException.class,
            () ->
                host.spawn(
                    new SpawnRequest(
                        "/nonexistent/program", List.of("program"), List.of(), Map.of())));
    assertEquals(
        "posix_spawn /nonexistent/program: ENOENT (No such file or directory)", e.getMessage());
  }

  @Test
  void prctlSetsNoNewPrivsOnTheCallingThreadAndItsChildren() throws Exception {
    // no_new_privs belongs to one thread (and what it spawns), so a throwaway thread keeps the
    // rest of this JVM as it was.
    AtomicReference<String> threadStatus = new AtomicReference<>();
    AtomicReference<String> childStatus = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                assertEquals(0, host.prctl(value(PR_SET_NO_NEW_PRIVS), 1, 0, 0, 0));
                threadStatus.set(Files.readString(Path.of("/proc/thread-self/status")));
                childStatus.set(output("cat /proc/self/status", Map.of()));
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(threadStatus.get().contains("NoNewPrivs:\t1"), threadStatus.get());
    assertTrue(childStatus.get().contains("NoNewPrivs:\t1"), childStatus.get());
    assertTrue(Files.readString(Path.of("/proc/thread-self/status")).contains("NoNewPrivs:\t0"));
  }

  @Test
  void prctlFailureNamesTheCall() {
    SyscallException e = assertThrows(SyscallException.class, () -> host.prctl(-1, 0, 0, 0, 0));
    assertEquals("prctl: EINVAL (Invalid argument)", e.getMessage());
  }

  @Test
  void unameAndIdsDescribeThisProcess() throws Exception {
    Uname uname = host.uname();
    assertEquals("Linux", uname.sysname());
    assertEquals(Arch.current().gnuName(), uname.machine());
    assertEquals(System.getProperty("os.version"), uname.release());

    String status = Files.readString(Path.of("/proc/self/status"));
    Matcher uid = Pattern.compile("Uid:\\s+(\\d+)\\s+(\\d+)").matcher(status);
    Matcher gid = Pattern.compile("Gid:\\s+(\\d+)\\s+(\\d+)").matcher(status);
    assertTrue(uid.find() && gid.find(), status);
    assertEquals(Integer.parseInt(uid.group(1)), host.getuid());
    assertEquals(Integer.parseInt(uid.group(2)), host.geteuid());
    assertEquals(Integer.parseInt(gid.group(1)), host.getgid());
    assertEquals(Integer.parseInt(gid.group(2)), host.getegid());
  }
}
