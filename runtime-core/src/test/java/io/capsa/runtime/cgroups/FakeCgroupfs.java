package io.capsa.runtime.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory laid out like a cgroup2 mount: a root with cgroup.controllers, and cgroups with
 * the core interface files the kernel puts in every new one, plus what a test adds. Files keep
 * what was written last; nothing reacts to a write as the kernel would.
 */
final class FakeCgroupfs {
  private final Path root;

  FakeCgroupfs(Path root, String controllers) {
    this.root = root;
    write(root.resolve("cgroup.controllers"), controllers + "\n");
    write(root.resolve("cgroup.subtree_control"), "");
    write(root.resolve("cgroup.procs"), "");
  }

  Path root() {
    return root;
  }

  /** A cgroup at {@code relative} as the kernel makes one, then {@code files} over it. */
  Path cgroup(String relative, Map<String, String> files) {
    Path directory = root.resolve(relative);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("cgroup.events", "populated 0\nfrozen 0\n");
    contents.put("cgroup.procs", "");
    contents.put("cgroup.freeze", "0\n");
    contents.put("cgroup.kill", "");
    contents.put("cgroup.subtree_control", "");
    contents.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
    contents.putAll(files);
    contents.forEach((name, text) -> write(directory.resolve(name), text));
    return directory;
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
