package io.capsa.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import io.capsa.runtime.cgroups.CgroupException;
import io.capsa.runtime.cgroups.CgroupHierarchy;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs the test JVM in a cgroup of its own, {@code /capsa-it-PID/jvm}, for the whole test
 * session. A container without linux.cgroupsPath gets the cgroup named by its id beside the
 * runtime's own, so every container of these tests (and of the ./capsa processes they start)
 * lands in {@code /capsa-it-PID/ID}: never in the cgroup of a container of the same id that
 * another build on the same host runs at the same time, and in a place where a test can see
 * that nothing was left behind. Without root or a cgroup v2 hierarchy it does nothing.
 */
public final class TestJvmCgroup implements LauncherSessionListener {
  private static volatile Path parent;
  private Path originalCgroup;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Privileges.isRoot()) {
      return;
    }
    CgroupHierarchy hierarchy;
    try {
      hierarchy = CgroupHierarchy.ofThisProcess();
    } catch (CgroupException e) {
      return;
    }
    try {
      originalCgroup = hierarchy.mountPoint().resolve(hierarchy.ownCgroup().substring(1));
      Path own = hierarchy.mountPoint().resolve("capsa-it-" + ProcessHandle.current().pid());
      Path jvm = Files.createDirectories(own.resolve("jvm"));
      Files.writeString(jvm.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
      parent = own;
    } catch (IOException e) {
      throw new UncheckedIOException("moving the test JVM into a cgroup of its own", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Path own = parent;
    if (own == null) {
      return;
    }
    try {
      Files.writeString(originalCgroup.resolve("cgroup.procs"),
          Long.toString(ProcessHandle.current().pid()));
      parent = null;
      Files.delete(own.resolve("jvm"));
      Files.delete(own);
    } catch (IOException e) {
      throw new UncheckedIOException("removing the test JVM's cgroup " + own
          + " (a container's cgroup left in it?)", e);
    }
  }

  /**
   * The cgroups of containers beside the test JVM's: what tests left behind, or empty when
   * the JVM does not run in a cgroup of its own.
   */
  static Set<String> containerCgroups() {
    Path own = parent;
    Set<String> names = new TreeSet<>();
    if (own == null) {
      return names;
    }
    try (Stream<Path> children = Files.list(own)) {
      children.filter(Files::isDirectory).map(child -> child.getFileName().toString())
          .filter(name -> !name.equals("jvm")).forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + own, e);
    }
    return names;
  }

  /** The container cgroup the runtime makes for {@code id} by default, on the host. */
  static Optional<Path> defaultCgroupOf(String id) {
    Path own = parent;
    return own == null ? Optional.empty() : Optional.of(own.resolve(id));
  }
}
