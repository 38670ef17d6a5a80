package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.rootfs.HostViewRootfs.HostBind;
import io.capsa.rootfs.HostViewRootfs.HostLink;
import io.capsa.rootfs.SandboxOptions.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostViewRootfsTest {
  @TempDir Path root;

  @Test
  void mergedUsrIsOneBindAndTheSameLinks() throws IOException {
    HostViewRootfs view = HostViewRootfs.scan(FakeHost.create(root), Network.NONE);

    assertEquals(new HostBind(Path.of("/usr"), root.resolve("usr"), true), view.binds().get(0));
    Map<Path, HostLink> links = byDestination(view.links(), HostLink::destination);
    assertEquals(new HostLink(Path.of("/bin"), "usr/bin", Path.of("/usr/bin")),
        links.get(Path.of("/bin")));
    assertEquals("usr/sbin", links.get(Path.of("/sbin")).target());
    assertEquals("usr/lib", links.get(Path.of("/lib")).target());
    assertEquals("usr/lib64", links.get(Path.of("/lib64")).target());
    assertFalse(links.containsKey(Path.of("/libx32")), "a dangling link is left out");
    assertFalse(byDestination(view.binds(), HostBind::destination).containsKey(Path.of("/bin")));
  }

  @Test
  void anAbsoluteLinkIntoTheViewKeepsItsTextWhichResolvesInTheHostTree() throws IOException {
    FakeHost.file(root, "usr/share/zoneinfo/Etc/UTC");
    FakeHost.link(root, "etc/localtime", "/usr/share/zoneinfo/Etc/UTC");
    try {
      HostViewRootfs view = HostViewRootfs.scan(root, Network.NONE);

      assertEquals(List.of(new HostLink(Path.of("/etc/localtime"), "/usr/share/zoneinfo/Etc/UTC",
          Path.of("/usr/share/zoneinfo/Etc/UTC"))), view.links());
    } finally {
      Files.delete(root.resolve("etc/localtime"));
    }
  }

  @Test
  void aLinkWithDotDotPointsAtWhereItLeadsAndOneOutOfTheViewIsBound() throws IOException {
    HostViewRootfs view = HostViewRootfs.scan(FakeHost.create(root), Network.HOST);

    Map<Path, HostLink> links = byDestination(view.links(), HostLink::destination);
    assertEquals(new HostLink(Path.of("/etc/localtime"), "/usr/share/zoneinfo/Etc/UTC",
        Path.of("/usr/share/zoneinfo/Etc/UTC")), links.get(Path.of("/etc/localtime")));
    Map<Path, HostBind> binds = byDestination(view.binds(), HostBind::destination);
    assertEquals(new HostBind(Path.of("/etc/resolv.conf"),
        root.resolve("run/resolvconf/resolv.conf"), false), binds.get(Path.of("/etc/resolv.conf")));
  }

  @Test
  void aLinkWhoseTextWouldLeadElsewhereInTheSandboxPointsAtTheResolvedPath() throws IOException {
    FakeHost.file(root, "usr/bin/sh");
    FakeHost.link(root, "opt", "usr");
    FakeHost.link(root, "bin", "opt/bin");

    HostViewRootfs view = HostViewRootfs.scan(root, Network.NONE);

    assertEquals(List.of(new HostLink(Path.of("/bin"), "/usr/bin", Path.of("/usr/bin"))),
        view.links());
  }

  @Test
  void theEtcFilesAreTheDocumentedOnesThatExist() throws IOException {
    HostViewRootfs view = HostViewRootfs.scan(FakeHost.create(root), Network.NONE);

    assertEquals(List.of("/usr", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
        "/etc/ssl/certs", "/etc/ssl/openssl.cnf"),
        view.binds().stream().map(bind -> bind.destination().toString()).toList());
    assertTrue(byDestination(view.binds(), HostBind::destination)
        .get(Path.of("/etc/ssl/certs")).directory());
  }

  @Test
  void theHostsNetworkAddsTheResolverFiles() throws IOException {
    HostViewRootfs view = HostViewRootfs.scan(FakeHost.create(root), Network.HOST);

    List<String> destinations =
        view.binds().stream().map(bind -> bind.destination().toString()).toList();
    assertTrue(destinations.containsAll(List.of("/etc/resolv.conf", "/etc/hosts",
        "/etc/services")), destinations.toString());
    assertFalse(destinations.contains("/etc/shadow"));
  }

  @Test
  void realDirectoriesAreBoundEachWhereThereIsNoMergedUsr() throws IOException {
    FakeHost.file(root, "usr/bin/env");
    FakeHost.file(root, "bin/sh");
    FakeHost.file(root, "lib/libc.so.6");
    Files.writeString(root.resolve("lib32"), "not a directory");

    HostViewRootfs view = HostViewRootfs.scan(root, Network.NONE);

    assertEquals(List.of(new HostBind(Path.of("/usr"), root.resolve("usr"), true),
        new HostBind(Path.of("/bin"), root.resolve("bin"), true),
        new HostBind(Path.of("/lib"), root.resolve("lib"), true)), view.binds());
    assertEquals(List.of(), view.links());
  }

  @Test
  void theRealHostIsScannedWithoutSurprises() {
    HostViewRootfs view = HostViewRootfs.scan(Path.of("/"), Network.HOST);

    assertEquals(Path.of("/usr"), view.binds().get(0).destination());
    for (HostLink link : view.links()) {
      assertTrue(Files.exists(link.resolvesTo()), link.toString());
    }
    for (HostBind bind : view.binds()) {
      assertEquals(bind.directory(), Files.isDirectory(bind.source()), bind.toString());
    }
  }

  private static <T> Map<Path, T> byDestination(List<T> entries, Function<T, Path> destination) {
    return entries.stream().collect(Collectors.toMap(destination, Function.identity()));
  }
}
