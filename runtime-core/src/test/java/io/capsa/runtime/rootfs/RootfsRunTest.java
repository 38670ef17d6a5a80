package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.Mount;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceType;
import io.capsa.runtime.config.ConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's ops run for real by capsa-init as root, in new namespaces, on a busybox rootfs:
 * what the container sees in /proc/self/mountinfo is what the config asked for, and the
 * attacks of security.md on mount targets and /dev/null are refused.
 */
class RootfsRunTest {
  @TempDir Path temp;
  private TestBundle bundle;
  private Path out;

  @BeforeEach
  void createBundle() throws Exception {
    assumeTrue(ContainerRun.canRun(),
        "needs root, capsa-init for this machine and a static /bin/busybox (busybox-static)");
    bundle = new TestBundle(temp);
    ContainerRun.fill(bundle.rootfs);
    out = bundle.directory("out");
  }

  /** runc's example config with its read-only rootfs, and /out to report through. */
  private Spec.Builder example(Mount... more) {
    Spec example = Spec.example();
    List<Mount> mounts = new ArrayList<>(example.mounts());
    mounts.add(new Mount("/out", null, out.toString(), List.of("rbind")));
    mounts.addAll(List.of(more));
    return example.toBuilder().root(new Root("rootfs", true)).mounts(mounts);
  }

  private RootfsPlan plan(Spec spec) {
    ConfigProblems problems = new ConfigProblems();
    RootfsPlan plan = RootfsPlan.from(spec, temp, problems);
    assertEquals(List.of(), problems.list());
    return plan;
  }

  /** Mount point to "fstype source options" of each line of a mountinfo file. */
  private static Map<String, String> mounts(Path mountinfo) throws Exception {
    Map<String, String> mounts = new HashMap<>();
    for (String line : Files.readAllLines(mountinfo)) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      mounts.put(fields[4], fields[separator + 1] + " " + fields[3] + " " + fields[5]);
    }
    return mounts;
  }

  @Test
  void theContainerSeesTheMountsDevicesAndSysctlsOfRuncsExample() throws Exception {
    Spec base = example().build();
    Spec spec = base.toBuilder().linux(base.linux().toBuilder()
        .sysctl(Map.of("net.ipv4.ip_forward", "1"))
        .devices(List.of(new Device("/dev/net/tun", DeviceType.CHAR, 10L, 200L, 0600, null,
            null, null)))
        .build()).build();

    ContainerRun.Result result = ContainerRun.run(plan(spec), false, false, String.join("; ",
        "cat /proc/self/mountinfo > /out/mountinfo",
        "ls -ln /dev /dev/net > /out/dev",
        "cat /proc/sys/net/ipv4/ip_forward > /out/ip_forward",
        "touch /x 2> /out/touch",
        "wc -c < /proc/keys > /out/keys"));

    assertEquals(new ContainerRun.Result(0, Optional.empty()), result);
    Map<String, String> mounts = mounts(out.resolve("mountinfo"));
    assertTrue(mounts.get("/").endsWith(" ro,relatime"), mounts.get("/"));
    assertEquals("proc / rw,relatime", mounts.get("/proc"));
    assertEquals("tmpfs / rw,nosuid", mounts.get("/dev"));
    assertEquals("devpts / rw,nosuid,noexec,relatime", mounts.get("/dev/pts"));
    assertEquals("tmpfs / rw,nosuid,nodev,noexec,relatime", mounts.get("/dev/shm"));
    assertEquals("mqueue / rw,nosuid,nodev,noexec,relatime", mounts.get("/dev/mqueue"));
    assertEquals("sysfs / ro,nosuid,nodev,noexec,relatime", mounts.get("/sys"));
    assertEquals("cgroup2 / ro,nosuid,nodev,noexec,relatime", mounts.get("/sys/fs/cgroup"));
    assertEquals("proc /sys ro,relatime", mounts.get("/proc/sys"), "a read-only path");
    assertEquals("tmpfs /null rw,nosuid", mounts.get("/proc/keys"), "masked by /dev/null");
    if (Files.isDirectory(Path.of("/sys/firmware"))) {
      assertEquals("tmpfs / ro,relatime", mounts.get("/sys/firmware"), "masked by a tmpfs");
    }
    String dev = Files.readString(out.resolve("dev"));
    assertTrue(dev.contains("crw-rw-rw-    1 0        0           1,   3 "), dev);
    assertTrue(dev.contains("crw-------    1 0        0          10, 200 "), dev);
    assertTrue(dev.contains("ptmx -> pts/ptmx"), dev);
    assertTrue(dev.contains("stdin -> /proc/self/fd/0"), dev);
    assertEquals("1\n", Files.readString(out.resolve("ip_forward")));
    assertTrue(Files.readString(out.resolve("touch")).contains("Read-only file system"));
    assertEquals("0\n", Files.readString(out.resolve("keys")));
    assertFalse(Files.readString(Path.of("/proc/self/mountinfo"))
        .contains(bundle.rootfs.toString()), "no mount reached the host");
  }

  @Test
  void bindMountsGetTheirAttributesAndAReadOnlyTmpfsStillTakesALaterMount() throws Exception {
    Path data = bundle.directory("data");
    Files.writeString(data.resolve("file"), "from the host");
    Files.writeString(temp.resolve("hosts"), "127.0.0.1 localhost\n");
    Spec spec = example(
        new Mount("/data", null, "data", List.of("rbind", "ro", "nosuid", "rprivate")),
        new Mount("/etc/hosts", null, "hosts", List.of("bind")),
        new Mount("/run", "tmpfs", "tmpfs", List.of("ro", "mode=700")),
        new Mount("/run/data", null, "data", List.of("bind")),
        new Mount("/data", null, null, List.of("remount", "noexec")))
        .build();

    ContainerRun.Result result = ContainerRun.run(plan(spec), false, false, String.join("; ",
        "cat /proc/self/mountinfo > /out/mountinfo",
        "cat /run/data/file /etc/hosts > /out/read",
        "touch /run/x /data/x 2> /out/touch", "true"));

    assertEquals(new ContainerRun.Result(0, Optional.empty()), result);
    Map<String, String> mounts = mounts(out.resolve("mountinfo"));
    assertTrue(mounts.get("/data").endsWith(" ro,nosuid,noexec,relatime"), mounts.get("/data"));
    assertTrue(mounts.get("/etc/hosts").contains("/hosts rw,relatime"), mounts.get("/etc/hosts"));
    assertEquals("tmpfs / ro,relatime", mounts.get("/run"));
    assertTrue(mounts.get("/run/data").endsWith(" rw,relatime"), mounts.get("/run/data"));
    assertEquals("from the host127.0.0.1 localhost\n", Files.readString(out.resolve("read")));
    assertEquals(List.of("touch: /run/x: Read-only file system",
        "touch: /data/x: Read-only file system"), Files.readAllLines(out.resolve("touch")));
  }

  @Test
  void withoutPivotRootAndInAUserNamespaceTheHostsNodesAreBoundIn() throws Exception {
    ContainerRun.Result result = ContainerRun.run(plan(example().build()), true, true,
        "cat /proc/self/mountinfo > /out/mountinfo");

    assertEquals(new ContainerRun.Result(0, Optional.empty()), result);
    Map<String, String> mounts = mounts(out.resolve("mountinfo"));
    assertEquals("devtmpfs /null rw,relatime", mounts.get("/dev/null"));
    assertEquals("devtmpfs /null rw,relatime", mounts.get("/proc/keys"));
    assertTrue(mounts.get("/").endsWith(" ro,relatime"), mounts.get("/"));
  }

  @Test
  void inAUserNamespaceDevicesAreBoundAndTheHostsCgroup2StandsInForAFreshOne()
      throws Exception {
    Spec rootless = Spec.rootlessExample();
    List<Mount> configured = new ArrayList<>(rootless.mounts());
    configured.add(new Mount("/out", null, out.toString(), List.of("rbind")));
    Spec spec = rootless.toBuilder().root(new Root("rootfs", true)).mounts(configured).build();

    ContainerRun.Result result = ContainerRun.runInUserNamespace(plan(spec),
        "cat /proc/self/mountinfo > /out/mountinfo; cat /proc/self/uid_map > /out/uid_map");

    assertEquals(new ContainerRun.Result(0, Optional.empty()), result);
    Map<String, String> mounts = mounts(out.resolve("mountinfo"));
    assertEquals("devtmpfs /null rw,relatime", mounts.get("/dev/null"));
    assertTrue(mounts.get("/sys/fs/cgroup").startsWith("cgroup2 / ro,nosuid,nodev,noexec"),
        mounts.get("/sys/fs/cgroup"));
    assertTrue(mounts.get("/sys").startsWith("sysfs / ro,nosuid,nodev,noexec"),
        mounts.get("/sys"));
    assertTrue(mounts.get("/").contains(" ro,"), mounts.get("/"));
    assertEquals("0 0 1", Files.readString(out.resolve("uid_map")).trim().replaceAll(" +",
        " "));
    RootfsHost host = RootfsHost.current();
    RootfsPlan withoutFallback = RootfsPlan.from(spec, temp, new RootfsHost(
        host.selinuxEnabled(), host.procKcoreExists(), host.procAndSysfsMounts(), null),
        new ConfigProblems());
    String refused = ContainerRun.runInUserNamespace(withoutFallback, "true").failure()
        .orElseThrow(() -> new AssertionError("a fresh cgroup2 was permitted"));
    assertTrue(refused.startsWith("mount cgroup2 on /sys/fs/cgroup: create the filesystem (op "),
        refused);
    assertTrue(refused.endsWith(": EPERM (Operation not permitted)"), refused);
  }

  @Test
  void aProcThatIsASymlinkIsRefused() throws Exception {
    Files.delete(bundle.rootfs.resolve("proc"));
    Files.createSymbolicLink(bundle.rootfs.resolve("proc"), Path.of("tmp"));

    ContainerRun.Result result = ContainerRun.run(plan(example().build()), false, false, "true");

    assertEquals(125, result.exitStatus());
    assertTrue(result.failure().orElseThrow().startsWith("mount proc on /proc: open /proc (op "),
        result.failure().get());
    assertTrue(result.failure().get().endsWith(": ELOOP (Too many levels of symbolic links)"));
  }

  @Test
  void aSymlinkLeadingAMountIntoProcfsIsRefused() throws Exception {
    Files.createSymbolicLink(bundle.rootfs.resolve("innocent"), Path.of("/proc/sys/kernel"));

    ContainerRun.Result result = ContainerRun.run(plan(example(
        new Mount("/innocent", "tmpfs", "tmpfs", List.of())).build()), false, false, "true");

    assertEquals(Optional.of("mount tmpfs on /innocent: refused, the mount point resolved into "
        + "procfs (op " + failingOp(result) + ", fail): EPERM (Operation not permitted)"),
        result.failure());
  }

  @Test
  void aSymlinkOutOfTheRootfsIsResolvedInsideIt() throws Exception {
    Path escape = temp.resolve("escape");
    Files.createSymbolicLink(bundle.rootfs.resolve("tmp/out"), Path.of("../../../../.."
        + escape));
    Files.createDirectories(bundle.rootfs.resolve(escape.toString().substring(1)));

    ContainerRun.Result result = ContainerRun.run(plan(example(
        new Mount("/tmp/out/created", "tmpfs", "tmpfs", List.of())).build()), false, false,
        "true");

    assertEquals(new ContainerRun.Result(0, Optional.empty()), result);
    assertFalse(Files.exists(escape), "nothing was created on the host");
    assertTrue(Files.isDirectory(bundle.rootfs.resolve(escape.toString().substring(1))
        .resolve("created")), "the mount point was made inside the rootfs");
  }

  @Test
  void aDevNullThatIsNotTheNullDeviceIsNotUsedToMaskPaths() throws Exception {
    Path dev = bundle.directory("fake-dev");
    Files.writeString(dev.resolve("null"), "a regular file an image could carry");
    Spec spec = example(new Mount("/dev", null, dev.toString(), List.of("rbind"))).build();

    ContainerRun.Result result = ContainerRun.run(plan(spec), false, false, "true");

    assertEquals(Optional.of("refuse to mask paths: the container's /dev/null is not the null "
        + "device (character device 1:3) (op " + failingOp(result)
        + ", fail): EPERM (Operation not permitted)"), result.failure());
  }

  private static String failingOp(ContainerRun.Result result) {
    String message = result.failure().orElseThrow(() -> new AssertionError("did not fail"));
    return message.replaceAll(".*\\(op (\\d+), .*", "$1");
  }
}
