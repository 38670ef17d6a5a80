package io.capsa.runtime.namespaces;

import io.capsa.oci.linux.NamespaceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The namespaces a process must join to be where a container's init is: every one whose
 * /proc/PID/ns link differs from this JVM's. Comparing rather than reading config.json also
 * covers namespaces joined by path, and leaves out any the init shares with the host, which
 * setns would refuse for a user namespace it is already in (EINVAL).
 */
public final class JoinableNamespaces {
  private JoinableNamespaces() {}

  /**
   * The namespaces of process {@code pid} other than this JVM's. Read it while holding a pidfd
   * of the process, then check it is still alive: the pid cannot have been reused meanwhile.
   */
  public static Set<NamespaceType> of(int pid) {
    return between(Path.of("/proc", Integer.toString(pid), "ns"), Path.of("/proc/self/ns"));
  }

  /** The namespace types whose links differ between two ns directories. */
  static Set<NamespaceType> between(Path theirs, Path ours) {
    Set<NamespaceType> different = EnumSet.noneOf(NamespaceType.class);
    for (NamespaceType type : NamespaceType.values()) {
      String name = NamespaceKind.procName(type);
      try {
        if (!Files.readSymbolicLink(theirs.resolve(name))
            .equals(Files.readSymbolicLink(ours.resolve(name)))) {
          different.add(type);
        }
      } catch (NoSuchFileException e) {
        // A kernel without this namespace type (time before 5.6): nothing to join.
      } catch (IOException e) {
        throw new UncheckedIOException("reading the namespaces of " + theirs.getParent(), e);
      }
    }
    return different;
  }
}
