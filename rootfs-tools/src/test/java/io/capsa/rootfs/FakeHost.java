package io.capsa.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small host tree laid out like a merged-/usr Debian: /bin, /sbin, /lib and /lib64 are links to
 * usr/..., /etc holds the files the sandbox shows and a few it must not. Its links are relative:
 * JUnit warns about every absolute one it deletes with a temporary directory.
 */
final class FakeHost {
  private FakeHost() {}

  static Path create(Path root) throws IOException {
    file(root, "usr/bin/sh");
    file(root, "usr/sbin/init");
    file(root, "usr/lib/libc.so.6");
    file(root, "usr/lib64/ld-linux-x86-64.so.2");
    file(root, "usr/share/zoneinfo/Etc/UTC");
    link(root, "bin", "usr/bin");
    link(root, "sbin", "usr/sbin");
    link(root, "lib", "usr/lib");
    link(root, "lib64", "usr/lib64");
    link(root, "libx32", "usr/libx32");
    for (String name : new String[] {"passwd", "group", "nsswitch.conf", "ld.so.cache",
        "ld.so.conf", "hosts", "services", "shadow", "ssl/openssl.cnf", "ssl/private/key.pem",
        "ssl/certs/ca-certificates.crt"}) {
      file(root, "etc/" + name);
    }
    Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
    Files.createDirectories(root.resolve("etc/alternatives"));
    link(root, "etc/alternatives/editor", "../../usr/bin/sh");
    link(root, "etc/localtime", "../usr/share/zoneinfo/Etc/UTC");
    file(root, "run/resolvconf/resolv.conf");
    link(root, "etc/resolv.conf", "../run/resolvconf/resolv.conf");
    return root;
  }

  static Path file(Path root, String path) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, path + "\n");
  }

  static void link(Path root, String path, String target) throws IOException {
    Path link = root.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }
}
