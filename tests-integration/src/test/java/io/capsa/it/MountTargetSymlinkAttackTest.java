package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Mount;
import io.capsa.oci.Spec;
import io.capsa.runtime.ContainerException;
import io.capsa.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Symlinks under mount targets, CVE-2021-30465 and CVE-2024-45310, and the /dev symlink cases:
 * runc resolved a path of the rootfs, then a symlink put there (in advance, or swapped in by a
 * container sharing the volume) led its mount or mkdir onto the host. Here the rootfs is hostile:
 * mount destinations, the directories above them, /dev and the /dev entries the runtime creates
 * are symlinks to a directory of the host (absolute, and as ../ climbing out of the rootfs), or
 * are swapped to such symlinks while containers are created. The victim directory exists on
 * the host, so a runtime that followed a link there would succeed: the create must fail, or
 * mount inside the rootfs; the victim must stay empty and nothing may be mounted on the host
 * (root).
 */
class MountTargetSymlinkAttackTest {
  /** Enough ../ to climb from any directory of the rootfs to the host's /. */
  private static final String CLIMB_OUT = "../".repeat(40);
  private static final Mount TMPFS_ON_DATA = new Mount("/data", "tmpfs", "tmpfs", List.of());

  @TempDir Path dir;
  private ContainerRuntime runtime;
  private Path victim;

  @BeforeEach
  void setUp() throws IOException {
    runtime = RealContainers.runtime(dir);
    victim = Files.createDirectory(dir.resolve("victim"));
  }

  /** How a rootfs is made hostile, given the victim's absolute path on the host. */
  interface RootfsChange {
    void apply(Path rootfs, Path victim) throws IOException;
  }

  /** A symlink at {@code at} in the rootfs to {@code target}, replacing what is there. */
  private static void link(Path rootfs, String at, String target) throws IOException {
    Path link = rootfs.resolve(at);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of(target));
  }

  private static String absolute(Path victim, String name) {
    return victim.resolve(name).toString();
  }

  private static String climbing(Path victim, String name) {
    return CLIMB_OUT + victim.resolve(name).toString().substring(1);
  }

  private static UnaryOperator<Spec> adding(Mount mount) {
    return spec -> {
      List<Mount> mounts = new ArrayList<>(spec.mounts());
      mounts.add(mount);
      return spec.toBuilder().mounts(mounts).build();
    };
  }

  /** runc's mounts but the tmpfs on /dev: the rootfs's own /dev is used. */
  private static Spec withoutDevTmpfs(Spec spec) {
    return spec.toBuilder().mounts(spec.mounts().stream()
        .filter(mount -> !mount.destination().equals("/dev")).toList()).build();
  }

  static Stream<Arguments> hostileRootfs() {
    return Stream.of(
        Arguments.of("a mount target that is an absolute symlink", adding(TMPFS_ON_DATA),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "data", absolute(victim, ""))),
        Arguments.of("a mount target that is a ../ symlink", adding(TMPFS_ON_DATA),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "data", climbing(victim, ""))),
        Arguments.of("a directory above a mount target that is an absolute symlink",
            adding(new Mount("/data/a/b", "tmpfs", "tmpfs", List.of())),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "data", absolute(victim, ""))),
        Arguments.of("a directory above a mount target that is a ../ symlink",
            adding(new Mount("/data/a/b", "tmpfs", "tmpfs", List.of())),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "data", climbing(victim, ""))),
        Arguments.of("a file bind mount's target that is a symlink",
            adding(new Mount("/etc/passwd", "bind", "/etc/passwd", List.of("bind", "ro"))),
            (RootfsChange) (rootfs, victim) ->
                link(rootfs, "etc/passwd", absolute(victim, "passwd"))),
        Arguments.of("/dev as an absolute symlink", UnaryOperator.<Spec>identity(),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "dev", absolute(victim, ""))),
        Arguments.of("/dev as a ../ symlink", UnaryOperator.<Spec>identity(),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "dev", climbing(victim, ""))),
        Arguments.of("/dev/pts and /dev/shm as symlinks, without a tmpfs on /dev",
            (UnaryOperator<Spec>) MountTargetSymlinkAttackTest::withoutDevTmpfs,
            (RootfsChange) (rootfs, victim) -> {
              link(rootfs, "dev/pts", absolute(victim, "pts"));
              link(rootfs, "dev/shm", climbing(victim, "shm"));
            }),
        Arguments.of("a mount target that is a symlink into procfs", adding(TMPFS_ON_DATA),
            (RootfsChange) (rootfs, victim) -> link(rootfs, "data", "/proc/sys/kernel")));
  }

  /** The container's output, or the message of the exception that refused it. */
  private String attempt(Path bundle) throws Exception {
    try {
      ContainerRuns.Outcome outcome = ContainerRuns.run(runtime, "hostile", bundle);
      return outcome.output();
    } catch (ContainerException e) {
      return e.getMessage();
    }
  }

  private void assertVictimUntouched(HostTraces before) throws IOException {
    try (Stream<Path> entries = Files.list(victim)) {
      assertEquals(List.of(), entries.toList(), "created on the host through a symlink");
    }
    assertEquals(before, HostTraces.of(runtime.root()), "mounts or state left on the host");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileRootfs")
  void aSymlinkInTheRootfsNeverLeadsAMountOntoTheHost(String layout,
      UnaryOperator<Spec> config, RootfsChange change) throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("cat", "/proc/self/mountinfo"), config);
    change.apply(bundle.resolve("rootfs"), victim);
    HostTraces before = HostTraces.of(runtime.root());

    String outcome = attempt(bundle);

    assertTrue(outcome.startsWith("creating container hostile: ")
        && (outcome.contains("ENOENT") || outcome.contains("ELOOP")
        || outcome.contains("resolved into procfs")), layout + ": " + outcome);
    assertVictimUntouched(before);
  }

  /**
   * An absolute symlink is resolved inside the rootfs: where the path it names exists there,
   * the mount lands on it, inside, and nothing happens to the host's directory of that name.
   */
  @Test
  void anAbsoluteSymlinkIsFollowedInsideTheRootfs() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("cat", "/proc/self/mountinfo"), adding(TMPFS_ON_DATA));
    Path rootfs = bundle.resolve("rootfs");
    Files.createDirectories(rootfs.resolve(victim.toString().substring(1)));
    link(rootfs, "data", absolute(victim, ""));
    HostTraces before = HostTraces.of(runtime.root());

    String mountinfo = attempt(bundle);

    assertTrue(mountinfo.lines().anyMatch(line -> line.split(" ")[4].equals(victim.toString())
        && line.contains(" - tmpfs ")), "the tmpfs is on the rootfs's " + victim + ":\n"
        + mountinfo);
    assertVictimUntouched(before);
  }

  /**
   * The device nodes and links the runtime makes in a rootfs without a tmpfs on /dev, each
   * already a symlink to the host: the runtime leaves them be (it never creates through them).
   */
  @Test
  void deviceNodesThatAreSymlinksAreNeverCreatedThroughThem() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("ls", "-l", "/dev"), MountTargetSymlinkAttackTest::withoutDevTmpfs);
    Path rootfs = bundle.resolve("rootfs");
    for (String node : List.of("zero", "full", "random", "urandom", "tty", "ptmx")) {
      link(rootfs, "dev/" + node, absolute(victim, node));
    }
    link(rootfs, "dev/fd", climbing(victim, "fd"));
    link(rootfs, "dev/stdin", climbing(victim, "stdin"));
    HostTraces before = HostTraces.of(runtime.root());

    String listing = attempt(bundle);

    assertTrue(listing.contains("null"), "the container ran: " + listing);
    assertVictimUntouched(before);
  }

  /**
   * CVE-2021-30465 itself: another container sharing the volume swaps a directory on the way
   * to a mount target for a symlink to the host, again and again, while containers are made.
   */
  @Test
  void aDirectorySwappedForASymlinkDuringCreatesNeverLeadsOut() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("cat", "/proc/self/mountinfo"),
        adding(new Mount("/vol/sub/deep", "tmpfs", "tmpfs", List.of())));
    Path sub = Files.createDirectories(bundle.resolve("rootfs/vol/sub"));
    HostTraces before = HostTraces.of(runtime.root());
    AtomicBoolean swapping = new AtomicBoolean(true);
    Thread swapper = new Thread(() -> {
      List<String> targets = List.of(absolute(victim, ""), climbing(victim, ""));
      for (int i = 0; swapping.get(); i++) {
        Path parked = sub.resolveSibling("parked-" + i);
        try {
          Files.move(sub, parked);
          Files.createSymbolicLink(sub, Path.of(targets.get(i % 2)));
          Files.delete(sub);
          Files.move(parked, sub);
        } catch (IOException e) {
          // The runtime made vol/sub again while it was missing: that directory stays, the
          // parked one is left beside it, and the next round swaps the new one.
        }
      }
    }, "swapper");
    List<String> outcomes = new ArrayList<>();
    swapper.start();
    try {
      for (int i = 0; i < 20; i++) {
        outcomes.add(attempt(bundle));
      }
    } finally {
      swapping.set(false);
      swapper.join();
    }

    for (String outcome : outcomes) {
      // The fd of vol/sub follows its directory when the swapper renames it to parked-N.
      assertTrue(outcome.startsWith("creating container hostile: ")
          || outcome.lines().anyMatch(line -> line.split(" ")[4].matches("/vol/[^/]+/deep")),
          "refused, or mounted inside: " + outcome);
    }
    assertVictimUntouched(before);
  }
}
