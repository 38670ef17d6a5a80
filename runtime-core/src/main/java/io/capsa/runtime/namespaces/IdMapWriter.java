package io.capsa.runtime.namespaces;

import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_WRONLY;

import io.capsa.oci.IdMapping;
import io.capsa.sys.Arch;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.OpenHow;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The host's half of the user namespace handshake: writes the uid and gid maps of the process
 * that has just unshared its user namespace, as runc's nsexec does. An unprivileged host must
 * deny setgroups(2) in the namespace before the kernel lets it write gid_map.
 */
public final class IdMapWriter {
  private final HostSyscalls host;

  public IdMapWriter(HostSyscalls host) {
    this.host = host;
  }

  /** Writes /proc/PID/uid_map, then setgroups when {@code denySetgroups}, then gid_map. */
  public void write(int pid, ContainerNamespaces namespaces, boolean denySetgroups) {
    writeFile(pid, "uid_map", mapText(namespaces.uidMappings()));
    if (denySetgroups) {
      writeFile(pid, "setgroups", "deny");
    }
    writeFile(pid, "gid_map", mapText(namespaces.gidMappings()));
  }

  /** One {@code <container id> <host id> <size>} line per mapping. */
  static String mapText(List<IdMapping> mappings) {
    StringBuilder text = new StringBuilder();
    for (IdMapping mapping : mappings) {
      text.append(mapping.containerId()).append(' ').append(mapping.hostId()).append(' ')
          .append(mapping.size()).append('\n');
    }
    return text.toString();
  }

  /** The kernel takes a map in a single write(2) and refuses a second one, hence no loop. */
  private void writeFile(int pid, String name, String text) {
    String path = "/proc/" + pid + "/" + name;
    Arch arch = Arch.current();
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    try (Fd file = host.openat2(Fd.cwd(), path,
        OpenHow.of(arch.constant(O_WRONLY) | arch.constant(O_CLOEXEC), 0))) {
      int written = host.write(file, bytes, 0, bytes.length);
      if (written != bytes.length) {
        throw new IllegalStateException("write " + path + ": the kernel took " + written
            + " of " + bytes.length + " bytes");
      }
    }
  }
}
