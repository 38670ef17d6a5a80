package io.capsa.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a container could leave on the host: children of this JVM, mounts in its mount
 * namespace, entries under the runtime's state root, and cgroups beside the test JVM's (see
 * {@link TestJvmCgroup}). Two snapshots are equal when nothing was left behind between them.
 */
record HostTraces(Set<Integer> children, List<String> mounts, Set<String> stateEntries,
    Set<String> cgroups) {

  static HostTraces of(Path stateRoot) throws IOException {
    Set<Integer> children = new TreeSet<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String pid : Files.readString(task.resolve("children")).trim().split(" ")) {
            if (!pid.isEmpty()) {
              children.add(Integer.parseInt(pid));
            }
          }
        } catch (IOException e) {
          // the thread ended while listed
        }
      }
    }
    Set<String> entries = new TreeSet<>();
    if (Files.isDirectory(stateRoot)) {
      try (Stream<Path> list = Files.list(stateRoot)) {
        list.forEach(entry -> entries.add(entry.getFileName().toString()));
      }
    }
    return new HostTraces(children, Files.readAllLines(Path.of("/proc/self/mountinfo")),
        entries, TestJvmCgroup.containerCgroups());
  }
}
