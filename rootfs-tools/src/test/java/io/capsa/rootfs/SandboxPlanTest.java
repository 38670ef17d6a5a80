package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Capabilities;
import io.capsa.oci.ConsoleSize;
import io.capsa.oci.Mount;
import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.oci.Rlimit;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.rootfs.RootfsLayout.Directory;
import io.capsa.rootfs.RootfsLayout.RegularFile;
import io.capsa.rootfs.RootfsLayout.Symlink;
import io.capsa.rootfs.SandboxOptions.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxPlanTest {
  private static final List<String> READ_ONLY_BIND =
      List.of("rbind", "ro", "nosuid", "nodev", "rro", "rnosuid", "rnodev");

  @TempDir Path host;
  @TempDir Path data;

  @BeforeEach
  void fakeHost() throws IOException {
    FakeHost.create(host);
  }

  @Test
  void theHostViewIsMountedReadOnlyThenTheFreshFilesystems() {
    Spec spec = plan(options().build()).spec();

    assertEquals(List.of("/usr", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
        "/etc/ssl/certs", "/etc/ssl/openssl.cnf", "/proc", "/dev", "/dev/pts", "/dev/shm",
        "/dev/mqueue", "/tmp"), destinations(spec));
    for (Mount mount : spec.mounts()) {
      if (mount.type().equals("bind")) {
        assertEquals(READ_ONLY_BIND, mount.options(), mount.destination());
        assertEquals(host.resolve(mount.destination().substring(1)).toString(), mount.source());
      }
    }
    assertEquals(new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        mount(spec, "/proc"));
    assertEquals(new Mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777")),
        mount(spec, "/tmp"));
    assertEquals("tmpfs", mount(spec, "/dev").type());
    assertEquals("devpts", mount(spec, "/dev/pts").type());
    assertTrue(spec.root().readonly());
    assertEquals("rootfs", spec.root().path());
  }

  @Test
  void theRootfsHoldsTheMountPointsAndTheHostsSymlinks() {
    RootfsLayout layout = plan(options().build()).layout();

    assertEquals(new Symlink("usr/bin"), layout.at(Path.of("/bin")));
    assertEquals(new Symlink("usr/lib64"), layout.at(Path.of("/lib64")));
    assertEquals(new Symlink("/usr/share/zoneinfo/Etc/UTC"),
        layout.at(Path.of("/etc/localtime")));
    for (String directory : List.of("/usr", "/proc", "/dev", "/tmp", "/etc", "/etc/ssl",
        "/etc/ssl/certs", "/etc/alternatives")) {
      assertEquals(new Directory(), layout.at(Path.of(directory)), directory);
    }
    assertEquals(new RegularFile(""), layout.at(Path.of("/etc/passwd")));
    assertNull(layout.at(Path.of("/dev/pts")), "made by the runtime in the /dev tmpfs");
    assertNull(layout.at(Path.of("/etc/shadow")));
  }

  @Test
  void withoutNetworkThereIsANetworkNamespaceAndCapsasOwnHostsFile() {
    SandboxPlan plan = plan(options().hostname("box").build());

    assertEquals(List.of(NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC,
        NamespaceType.UTS, NamespaceType.MOUNT), namespaces(plan.spec()));
    assertFalse(destinations(plan.spec()).contains("/etc/resolv.conf"));
    assertFalse(destinations(plan.spec()).contains("/etc/hosts"));
    assertEquals(new RegularFile("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost"
        + " ip6-loopback\n127.0.1.1\tbox\n"), plan.layout().at(Path.of("/etc/hosts")));
    assertEquals(new RegularFile("box\n"), plan.layout().at(Path.of("/etc/hostname")));
    assertEquals("box", plan.spec().hostname());
  }

  @Test
  void theHostsNetworkSharesTheNamespaceAndTheResolverFiles() {
    SandboxPlan plan = plan(options().network(Network.HOST).build());

    assertEquals(List.of(NamespaceType.PID, NamespaceType.IPC, NamespaceType.UTS,
        NamespaceType.MOUNT), namespaces(plan.spec()));
    assertEquals(new Mount("/etc/resolv.conf", "bind",
        host.resolve("run/resolvconf/resolv.conf").toString(), READ_ONLY_BIND),
        mount(plan.spec(), "/etc/resolv.conf"));
    assertTrue(destinations(plan.spec()).contains("/etc/hosts"));
    assertEquals(new RegularFile(""), plan.layout().at(Path.of("/etc/hosts")));
  }

  @Test
  void theProcessIsUnprivileged() {
    ProcessConfig process = plan(options().user(1000, 100).build()).spec().process();

    assertEquals(1000L, process.user().uid());
    assertEquals(100L, process.user().gid());
    assertEquals(List.of(), process.user().additionalGids());
    assertEquals(new Capabilities(List.of(), List.of(), List.of(), List.of(), List.of()),
        process.capabilities());
    assertTrue(process.noNewPrivileges());
    assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), process.rlimits());
    assertEquals(List.of("sh", "-c", "exit 3"), process.args());
    assertEquals("/", process.cwd());
    assertNull(process.terminal());
  }

  @Test
  void theCallersEnvironmentOverridesTheDefaultsInPlace() {
    ProcessConfig process = plan(options().env("HOME=/work").env("LANG=C.UTF-8")
        .env("LANG=C").cwd("/work").build()).spec().process();

    assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "TERM=xterm", "HOME=/work", "LANG=C"), process.env());
    assertEquals("/work", process.cwd());
  }

  @Test
  void runcsMasksOutsideSys() {
    Spec spec = plan(options().build()).spec();

    assertTrue(spec.linux().maskedPaths().contains("/proc/kcore"));
    assertTrue(spec.linux().maskedPaths().stream().noneMatch(path -> path.startsWith("/sys")));
    assertEquals(Spec.example().linux().readonlyPaths(), spec.linux().readonlyPaths());
  }

  @Test
  void limitsAndTheReaperOnlyWhenAsked() {
    Spec plain = plan(options().build()).spec();
    assertNull(plain.linux().resources());
    assertNull(plain.annotations());

    Spec limited = plan(options().memoryLimit(64L << 20).pidsLimit(32).reaper(true).build())
        .spec();
    assertEquals(64L << 20, limited.linux().resources().memory().limit());
    assertEquals(32, limited.linux().resources().pids().limit());
    assertNull(limited.linux().resources().devices());
    assertEquals(Map.of("io.capsa.reaper", "true"), limited.annotations());
  }

  @Test
  void aWritableRootAndATerminalWhenAsked() {
    Spec spec = plan(options().readOnlyRoot(false).terminal(true).build()).spec();
    assertFalse(spec.root().readonly());
    assertTrue(spec.process().terminal());
    assertNull(spec.process().consoleSize());
  }

  @Test
  void theTerminalsSizeGoesWithTheTerminalOnly() {
    ConsoleSize size = new ConsoleSize(24, 80);

    assertEquals(size, plan(options().terminal(true).consoleSize(size).build()).spec().process()
        .consoleSize());
    assertNull(plan(options().consoleSize(size).build()).spec().process().consoleSize());
  }

  @Test
  void theSpecIsValidAndRoundTrips() throws IOException {
    Files.writeString(data.resolve("app.conf"), "x");
    Spec spec = plan(options().network(Network.HOST).memoryLimit(1 << 30).pidsLimit(10)
        .reaper(true).volume(new Volume(data, Path.of("/work"), false))
        .volume(new Volume(data.resolve("app.conf"), Path.of("/etc/app.conf"), true)).build())
        .spec();

    assertEquals(List.of(), OciJson.validate(spec));
    assertEquals(spec, OciJson.readSpec(OciJson.write(spec)));
  }

  @Test
  void volumesComeLastWithTheirModes() throws IOException {
    Path conf = Files.writeString(data.resolve("app.conf"), "x");
    SandboxPlan plan = plan(options().volume(new Volume(data, Path.of("/work"), false))
        .volume(new Volume(conf, Path.of("/etc/app.conf"), true))
        .volume(new Volume(data, Path.of("/tmp/in/data"), true)).build());

    List<Mount> mounts = plan.spec().mounts();
    assertEquals(new Mount("/work", "bind", data.toString(),
        List.of("rbind", "nosuid", "nodev", "rnosuid", "rnodev")), mounts.get(mounts.size() - 3));
    assertEquals(new Mount("/etc/app.conf", "bind", conf.toString(), READ_ONLY_BIND),
        mounts.get(mounts.size() - 2));
    assertEquals("/tmp/in/data", mounts.get(mounts.size() - 1).destination());
    assertEquals(new Directory(), plan.layout().at(Path.of("/work")));
    assertEquals(new RegularFile(""), plan.layout().at(Path.of("/etc/app.conf")));
    assertNull(plan.layout().at(Path.of("/tmp/in")), "made by the runtime in the /tmp tmpfs");
  }

  @Test
  void aVolumeMayCoverWhatTheHostViewHasAlready() throws IOException {
    Path file = Files.writeString(data.resolve("sh"), "x");
    SandboxPlan plan = plan(options().volume(new Volume(data, Path.of("/usr/share"), true))
        .volume(new Volume(file, Path.of("/bin/sh"), true))
        .volume(new Volume(file, Path.of("/etc/hosts"), true)).build());

    assertEquals("/bin/sh", plan.spec().mounts().get(plan.spec().mounts().size() - 2)
        .destination());
    assertNull(plan.layout().at(Path.of("/usr/share")));
  }

  @Test
  void noMountPointIsCreatedInAHostDirectory() {
    assertRefused(options().volume(new Volume(data, Path.of("/usr/local/data"), false)),
        "cannot mount volume " + data + ":/usr/local/data: its mount point "
            + host.resolve("usr/local/data") + " does not exist: it would be created in /usr,"
            + " which the sandbox takes from the host's " + host.resolve("usr") + ", and Capsa"
            + " creates no mount points on the host");
    assertRefused(options().volume(new Volume(data, Path.of("/bin/data"), false)),
        "cannot mount volume " + data + ":/bin/data: its mount point "
            + host.resolve("usr/bin/data") + " does not exist: it would be created in /usr,"
            + " which the sandbox takes from the host's " + host.resolve("usr") + ", and Capsa"
            + " creates no mount points on the host");
  }

  @Test
  void noMountPointIsCreatedInAVolume() throws IOException {
    Path inner = Files.createDirectory(data.resolve("inner"));
    assertRefused(options().volume(new Volume(data, Path.of("/work"), false))
            .volume(new Volume(inner, Path.of("/work/sub"), true)),
        "cannot mount volume " + inner + ":/work/sub:ro: its mount point " + data.resolve("sub")
            + " does not exist: it would be created in /work, which the sandbox takes from the"
            + " host's " + data + ", and Capsa creates no mount points on the host");

    SandboxPlan nested = plan(options().volume(new Volume(data, Path.of("/work"), false))
        .volume(new Volume(inner, Path.of("/work/inner"), true)).build());
    assertEquals("/work/inner", destinations(nested.spec()).get(destinations(nested.spec())
        .size() - 1));
  }

  @Test
  void theMountPointMustBeOfTheSourcesKind() {
    assertRefused(options().volume(new Volume(data, Path.of("/usr/bin/sh"), false)),
        "cannot mount volume " + data + ":/usr/bin/sh: its mount point "
            + host.resolve("usr/bin/sh") + " (in /usr, which the sandbox takes from the host's "
            + host.resolve("usr") + ") is not a directory, and the source is one");
    assertRefused(options().volume(new Volume(data, Path.of("/etc/hostname"), false)),
        "cannot mount volume " + data + ":/etc/hostname: /etc/hostname is a file in the"
            + " sandbox's rootfs, it cannot also be a directory");
  }

  @Test
  void noVolumeInsideProcOrDevpts() {
    assertRefused(options().volume(new Volume(data, Path.of("/proc/sys"), false)),
        "cannot mount volume " + data + ":/proc/sys: /proc/sys is inside the proc filesystem at"
            + " /proc");
    assertRefused(options().volume(new Volume(data, Path.of("/dev/pts/x"), false)),
        "cannot mount volume " + data + ":/dev/pts/x: /dev/pts/x is inside the devpts"
            + " filesystem at /dev/pts");
  }

  @Test
  void aVolumeWhoseSourceIsGoneIsRefused() throws IOException {
    Path gone = Files.createDirectory(data.resolve("gone"));
    SandboxOptions.Builder options = options().volume(new Volume(gone, Path.of("/gone"), false));
    Files.delete(gone);

    assertRefused(options, "cannot mount volume " + gone + ":/gone: the source " + gone
        + " no longer exists");
  }

  private void assertRefused(SandboxOptions.Builder options, String message) {
    SandboxOptions built = options.build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SandboxPlan.of(built, host));
    assertEquals(message, e.getMessage());
  }

  private SandboxPlan plan(SandboxOptions options) {
    return SandboxPlan.of(options, host);
  }

  private static SandboxOptions.Builder options() {
    return SandboxOptions.builder().command("sh", "-c", "exit 3").user(0, 0);
  }

  private static List<String> destinations(Spec spec) {
    return spec.mounts().stream().map(Mount::destination).toList();
  }

  private static Mount mount(Spec spec, String destination) {
    return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst()
        .orElseThrow();
  }

  private static List<NamespaceType> namespaces(Spec spec) {
    return spec.linux().namespaces().stream().map(Namespace::type).toList();
  }
}
