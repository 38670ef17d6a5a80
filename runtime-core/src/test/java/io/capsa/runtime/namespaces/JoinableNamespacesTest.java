package io.capsa.runtime.namespaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.linux.NamespaceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinableNamespacesTest {
  @TempDir Path dir;

  private Path namespaces(String name, Map<String, String> links) throws Exception {
    Path ns = Files.createDirectory(dir.resolve(name));
    for (Map.Entry<String, String> link : links.entrySet()) {
      Files.createSymbolicLink(ns.resolve(link.getKey()), Path.of(link.getValue()));
    }
    return ns;
  }

  @Test
  void onlyTheNamespacesThatDifferAreJoinedAndMissingTypesAreSkipped() throws Exception {
    Path ours = namespaces("ours", Map.of("mnt", "mnt:[1]", "pid", "pid:[2]",
        "user", "user:[3]", "net", "net:[4]"));
    Path theirs = namespaces("theirs", Map.of("mnt", "mnt:[11]", "pid", "pid:[12]",
        "user", "user:[3]", "net", "net:[4]"));

    assertEquals(EnumSet.of(NamespaceType.MOUNT, NamespaceType.PID),
        JoinableNamespaces.between(theirs, ours));
  }

  @Test
  void theJvmsOwnProcessSharesEveryNamespaceWithItself() {
    assertEquals(EnumSet.noneOf(NamespaceType.class),
        JoinableNamespaces.of((int) ProcessHandle.current().pid()));
  }
}
