package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.Condition;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Label;
import io.capsa.init.Step;
import io.capsa.sys.Errno;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the container's /dev as runc does when config.json does not bind-mount one: device
 * nodes (mknodat, or in a user namespace, where mknod is refused, a bind mount of the host's
 * node onto an empty file), /dev/ptmx as a symlink to pts/ptmx, and the /proc/self/fd links.
 */
final class DevSetup {
  private static final ContainerPath PTMX = ContainerPath.of("/dev/ptmx");
  private static final Map<String, String> LINKS = linksOfProcSelf();

  private final InitProgramBuilder b;
  private final InRootfs rootfs;

  DevSetup(InitProgramBuilder b, InRootfs rootfs) {
    this.b = b;
    this.rootfs = rootfs;
  }

  /** /dev/fd and the stdio links, in the order runc creates them. */
  private static Map<String, String> linksOfProcSelf() {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("fd", "/proc/self/fd");
    links.put("stdin", "/proc/self/fd/0");
    links.put("stdout", "/proc/self/fd/1");
    links.put("stderr", "/proc/self/fd/2");
    return links;
  }

  /** {@code linkCore}: also link /dev/core to /proc/kcore, as runc does where it exists. */
  void emit(List<DeviceNode> nodes, boolean inUserNamespace, boolean linkCore) {
    for (Map.Entry<ContainerPath, List<DeviceNode>> directory : byDirectory(nodes).entrySet()) {
      String what = "create the device nodes in " + directory.getKey();
      InRootfs.Directory parent = rootfs.createParents(directory.getValue().get(0).path(), false,
          what);
      for (DeviceNode node : directory.getValue()) {
        if (inUserNamespace) {
          bindHostNode(parent, node);
        } else {
          makeNode(parent, node);
        }
      }
      parent.close();
    }
    String what = "set up /dev";
    InRootfs.Directory dev = rootfs.createParents(PTMX, false, what);
    b.unlinkat(dev.fd, "ptmx", 0).tolerating(Errno.ENOENT)
        .describedAs(what + ": remove /dev/ptmx unless it is missing");
    b.symlinkat("pts/ptmx", dev.fd, "ptmx").describedAs(what + ": link /dev/ptmx to pts/ptmx");
    Map<String, String> links = new LinkedHashMap<>(LINKS);
    if (linkCore) {
      links.put("core", "/proc/kcore");
    }
    links.forEach((name, target) -> b.symlinkat(target, dev.fd, name).tolerating(Errno.EEXIST)
        .describedAs(what + ": link /dev/" + name + " to " + target + " unless it exists"));
    dev.close();
  }

  /** The nodes to create by the directory they go in; /dev/ptmx is the symlink made above. */
  private static Map<ContainerPath, List<DeviceNode>> byDirectory(List<DeviceNode> nodes) {
    Map<ContainerPath, List<DeviceNode>> byDirectory = new LinkedHashMap<>();
    for (DeviceNode node : nodes) {
      if (!node.path().equals(PTMX)) {
        byDirectory.computeIfAbsent(node.path().parent(), parent -> new ArrayList<>()).add(node);
      }
    }
    return byDirectory;
  }

  /**
   * mknodat; a node that already exists is left as it is, as runc leaves it (the /dev/null
   * that masks paths is verified before use). The umask is 0, so the mode is exact.
   */
  private void makeNode(InRootfs.Directory parent, DeviceNode node) {
    String what = "create device " + node.path();
    Step made = b.mknodat(parent.fd, node.path().name(), node.fileMode(b), node.device())
        .tolerating(Errno.EEXIST).describedAs(what + " unless it exists");
    if (node.uid() != 0 || node.gid() != 0) {
      Label existed = b.label();
      b.jumpIf(made, Condition.NE, 0, existed);
      b.fchownat(parent.fd, node.path().name(), node.uid(), node.gid(),
          b.constant(AT_SYMLINK_NOFOLLOW))
          .describedAs(what + ": owner " + node.uid() + ":" + node.gid());
      b.bind(existed);
    }
  }

  /** An empty file with the host's node of the same path bind-mounted onto it. */
  private void bindHostNode(InRootfs.Directory parent, DeviceNode node) {
    String what = "bind device " + node.path() + " from the host";
    b.mknodat(parent.fd, node.path().name(), b.constant(S_IFREG), 0).tolerating(Errno.EEXIST)
        .describedAs(what + ": create an empty file unless it exists");
    Step target = rootfs.openEntry(parent, node.path(), what);
    Step tree = b.openTree(b.atFdcwd(), node.hostPath(),
        b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC))
        .describedAs(what + ": clone the host's " + node.hostPath());
    b.moveMount(tree, "", target, "", b.flags(MOVE_MOUNT_F_EMPTY_PATH, MOVE_MOUNT_T_EMPTY_PATH))
        .describedAs(what + ": attach it");
    b.close(tree);
    b.close(target);
  }
}
