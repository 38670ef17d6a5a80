package io.capsa.rootfs;

import io.capsa.rootfs.SandboxOptions.Network;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The part of the host a sandbox sees: the host's program directories and the few /etc files a
 * program needs, each either bind-mounted read-only or, when it is a symlink that leads into what
 * the sandbox sees anyway, reproduced as a symlink. On a merged-/usr system /bin, /sbin, /lib and
 * /lib64 are links to usr/...: the sandbox gets the same links and one bind of /usr.
 *
 * <p>The list is small on purpose (bubblewrap users write the same one by hand):
 *
 * <ul>
 *   <li>{@link #HOST_DIRECTORIES}: /usr, /bin, /sbin, /lib, /lib32, /lib64, /libx32, where they
 *       exist;
 *   <li>{@link #ETC_FILES}: the user and group databases and nsswitch.conf (for ls -l, id,
 *       whoami), the dynamic linker's cache and configuration, the time zone, the alternatives
 *       links Debian resolves commands through, and the CA certificates with openssl.cnf;
 *   <li>{@link #ETC_NETWORK_FILES}, only with the host's network: the resolver's files and the
 *       services and protocols databases.
 * </ul>
 *
 * Never shown: /etc/shadow, /etc/ssl/private and every other file not listed, /home, /root, /var,
 * /run and /sys. Entries missing on the host are left out.
 */
public final class HostViewRootfs {
  private static final System.Logger LOG = System.getLogger(HostViewRootfs.class.getName());

  public static final List<Path> HOST_DIRECTORIES =
      paths("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
  public static final List<Path> ETC_FILES =
      paths("/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/ld.so.cache",
          "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
          "/etc/alternatives", "/etc/ssl/certs", "/etc/ssl/openssl.cnf");
  public static final List<Path> ETC_NETWORK_FILES =
      paths("/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", "/etc/gai.conf",
          "/etc/services", "/etc/protocols");

  /**
   * A host file or directory bind-mounted read-only into the sandbox.
   *
   * @param destination where the sandbox sees it
   * @param source the host path, with every symlink resolved
   */
  public record HostBind(Path destination, Path source, boolean directory) {}

  /**
   * A symlink of the host reproduced in the sandbox's rootfs.
   *
   * @param target what the link says: the host's own text when it leads straight there, else the
   *     absolute path it resolves to
   * @param resolvesTo the symlink-free path it leads to inside the sandbox
   */
  public record HostLink(Path destination, String target, Path resolvesTo) {}

  private final List<HostBind> binds;
  private final List<HostLink> links;

  private HostViewRootfs(List<HostBind> binds, List<HostLink> links) {
    this.binds = List.copyOf(binds);
    this.links = List.copyOf(links);
  }

  /**
   * The view of the tree at {@code hostRoot} taken as the host's {@code /} (the host's own is
   * {@code Path.of("/")}); symlinks in it are resolved within it.
   */
  public static HostViewRootfs scan(Path hostRoot, Network network) {
    Scan scan = new Scan(new HostTree(hostRoot));
    for (Path directory : HOST_DIRECTORIES) {
      if (!scan.tree.isSymlink(directory) && scan.tree.isDirectory(directory)) {
        scan.bind(directory, directory, true);
      }
    }
    for (Path directory : HOST_DIRECTORIES) {
      if (scan.tree.isSymlink(directory)) {
        scan.add(directory, true);
      }
    }
    List<Path> etcFiles = network == Network.HOST
        ? Stream.concat(ETC_FILES.stream(), ETC_NETWORK_FILES.stream()).toList()
        : ETC_FILES;
    for (Path file : etcFiles) {
      scan.add(file, false);
    }
    return new HostViewRootfs(scan.binds, scan.links);
  }

  /** In the order they are mounted: the host directories first. */
  public List<HostBind> binds() {
    return binds;
  }

  public List<HostLink> links() {
    return links;
  }

  private static List<Path> paths(String... paths) {
    return Stream.of(paths).map(Path::of).toList();
  }

  /** Sorts each candidate into binds and links. */
  private static final class Scan {
    final HostTree tree;
    final List<HostBind> binds = new ArrayList<>();
    final List<HostLink> links = new ArrayList<>();
    /** The symlink-free path in the host tree of each bind, by the bind's index. */
    final List<Path> bindOrigins = new ArrayList<>();

    Scan(HostTree tree) {
      this.tree = tree;
    }

    void bind(Path destination, Path resolved, boolean directory) {
      binds.add(new HostBind(destination, tree.onHost(resolved), directory));
      bindOrigins.add(resolved);
    }

    /** Adds {@code path} as a link or a bind, or leaves it out when missing or of a wrong type. */
    void add(Path path, boolean directoryOnly) {
      Optional<Path> resolved = tree.resolve(path);
      if (resolved.isEmpty()) {
        LOG.log(Level.DEBUG, "host view: {0} is missing or a dangling symlink, left out", path);
        return;
      }
      boolean directory = tree.isDirectory(resolved.get());
      if (!directory && (directoryOnly || !tree.isRegularFile(resolved.get()))) {
        LOG.log(Level.DEBUG, "host view: {0} is not a {1}, left out", path,
            directoryOnly ? "directory" : "directory or regular file");
        return;
      }
      Optional<Path> inView = tree.isSymlink(path) ? inView(resolved.get()) : Optional.empty();
      if (inView.isPresent()) {
        links.add(new HostLink(path, linkTarget(path, inView.get()), inView.get()));
      } else {
        bind(path, resolved.get(), directory);
      }
    }

    /** Where the sandbox already shows the host's {@code resolved}, through an earlier bind. */
    private Optional<Path> inView(Path resolved) {
      for (int i = 0; i < binds.size(); i++) {
        Path origin = bindOrigins.get(i);
        if (resolved.startsWith(origin)) {
          return Optional.of(binds.get(i).destination().resolve(origin.relativize(resolved)));
        }
      }
      return Optional.empty();
    }

    /**
     * The host's text when following it name by name inside the sandbox leads to {@code
     * inSandbox} (no "." or ".." to resolve differently there), else {@code inSandbox} itself.
     */
    private String linkTarget(Path link, Path inSandbox) {
      String text = tree.linkText(link);
      Path written = Path.of(text);
      for (Path name : written) {
        if (name.toString().equals(".") || name.toString().equals("..")) {
          return inSandbox.toString();
        }
      }
      Path followed = written.isAbsolute() ? written : link.getParent().resolve(written);
      return followed.equals(inSandbox) ? text : inSandbox.toString();
    }
  }
}
