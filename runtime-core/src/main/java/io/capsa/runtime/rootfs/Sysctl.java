package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kernel parameter to write, with the file under a procfs root it is written to.
 *
 * @param key as config.json names it, e.g. {@code net.ipv4.ip_forward}
 * @param procPath relative to a procfs root, e.g. {@code sys/net/ipv4/ip_forward}
 */
record Sysctl(String key, String procPath, String value) {
  /** The System V IPC parameters of kernel.*: namespaced by the IPC namespace. */
  private static final Set<String> IPC_KEYS = Set.of("kernel.msgmax", "kernel.msgmnb",
      "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
      "kernel.shm_rmid_forced");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * The parameters of {@code sysctl} in order, each checked with runc's rules: only those the
   * container's own namespaces (in {@code namespaces}, new or joined) isolate may be set.
   */
  static List<Sysctl> plan(Map<String, String> sysctl, Set<NamespaceType> namespaces,
      ConfigProblems problems) {
    List<Sysctl> planned = new ArrayList<>();
    sysctl.forEach((key, value) -> {
      String at = "$.linux.sysctl" + member(key);
      Optional<String> refusal = refusal(dotted(key), namespaces);
      if (refusal.isPresent()) {
        problems.add(at, refusal.get());
      } else if (!validName(key)) {
        problems.add(at, "\"" + key + "\" is not a sysctl name");
      } else if (value.indexOf('\0') >= 0) {
        problems.add(at, "must not contain a NUL character");
      } else {
        planned.add(new Sysctl(key, "sys/" + swapDotsAndSlashes(dotted(key)), value));
      }
    });
    return List.copyOf(planned);
  }

  /**
   * Writes the value through the runtime's own procfs instance {@code procfs}, never through a
   * path of the container's /proc (security.md: fake /proc); no symlink and no mount crossing
   * is followed on the way from its root.
   */
  void emit(InitProgramBuilder b, Operand procfs) {
    String what = "set sysctl " + key;
    Step file = b.openat2(procfs, procPath, b.flags(O_WRONLY, O_CLOEXEC), 0,
        b.flags(RESOLVE_BENEATH, RESOLVE_NO_SYMLINKS, RESOLVE_NO_XDEV))
        .describedAs(what + ": open " + procPath + " of the runtime's procfs");
    b.write(file, value).describedAs(what + ": write " + value);
    b.close(file);
  }

  private static Optional<String> refusal(String key, Set<NamespaceType> namespaces) {
    if (IPC_KEYS.contains(key) || key.startsWith("fs.mqueue.")) {
      return needs(namespaces, NamespaceType.IPC, key, "IPC");
    }
    if (key.startsWith("net.")) {
      return needs(namespaces, NamespaceType.NETWORK, key, "network");
    }
    if (key.equals("kernel.hostname")) {
      return Optional.of("kernel.hostname is refused: set $.hostname instead");
    }
    if (key.equals("kernel.domainname")) {
      return needs(namespaces, NamespaceType.UTS, key, "UTS");
    }
    if (key.startsWith("user.")) {
      return needs(namespaces, NamespaceType.USER, key, "user");
    }
    return Optional.of(key + " is not isolated by any namespace: setting it would change "
        + "the host");
  }

  private static Optional<String> needs(Set<NamespaceType> namespaces, NamespaceType type,
      String key, String name) {
    return namespaces.contains(type) ? Optional.empty()
        : Optional.of(key + " needs the container to have its own " + name + " namespace");
  }

  /**
   * The key with dots between its names: sysctl(8) also accepts slashes, and then the dots are
   * part of the names (net/ipv4/conf/eth0.1/forwarding is net.ipv4.conf.eth0/1.forwarding).
   */
  private static String dotted(String key) {
    int slash = key.indexOf('/');
    int dot = key.indexOf('.');
    return slash < 0 || (dot >= 0 && dot < slash) ? key : swapDotsAndSlashes(key);
  }

  private static String swapDotsAndSlashes(String text) {
    StringBuilder swapped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      swapped.append(c == '.' ? '/' : c == '/' ? '.' : c);
    }
    return swapped.toString();
  }

  /** Names separated by dots, none of them empty, "." or ".." (the path stays in /proc/sys). */
  private static boolean validName(String key) {
    for (String name : dotted(key).split("\\.", -1)) {
      String asPathPart = name.replace('/', '.');
      if (name.isEmpty() || asPathPart.equals(".") || asPathPart.equals("..")
          || name.indexOf('\0') >= 0) {
        return false;
      }
    }
    return true;
  }

  /** A member of $.linux.sysctl as ConfigProblems paths write it: ['net.ipv4.ip_forward']. */
  private static String member(String key) {
    return IDENTIFIER.matcher(key).matches() ? "." + key
        : "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
