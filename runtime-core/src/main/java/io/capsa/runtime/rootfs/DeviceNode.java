package io.capsa.runtime.rootfs;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.init.InitProgramBuilder;
import io.capsa.oci.linux.Device;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.ArchConstant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device node to create in the container's /dev (or wherever its path says).
 *
 * @param mode the permission bits, 0 to 0777
 */
record DeviceNode(ContainerPath path, Kind kind, long major, long minor, int mode, long uid,
    long gid) {

  enum Kind {
    CHAR(S_IFCHR),
    BLOCK(S_IFBLK),
    FIFO(S_IFIFO);

    final ArchConstant fileType;

    Kind(ArchConstant fileType) {
      this.fileType = fileType;
    }
  }

  /** The nodes runc creates in every container whose /dev is not a bind mount. */
  static final List<DeviceNode> DEFAULTS = List.of(
      standard("/dev/null", 1, 3),
      standard("/dev/random", 1, 8),
      standard("/dev/full", 1, 7),
      standard("/dev/tty", 5, 0),
      standard("/dev/zero", 1, 5),
      standard("/dev/urandom", 1, 9));

  /** mknod(2) takes a 32-bit dev_t: 12 bits of major, 20 of minor. */
  private static final long MAX_MAJOR = 0xfff;
  private static final long MAX_MINOR = 0xfffff;
  private static final int DEFAULT_MODE = 0666;

  private static DeviceNode standard(String path, long major, long minor) {
    return new DeviceNode(ContainerPath.of(path), Kind.CHAR, major, minor, DEFAULT_MODE, 0, 0);
  }

  /**
   * The nodes to create: runc's defaults, except those config.json lists itself, then the
   * configured ones in order, adding a problem for each device that is wrong.
   */
  static List<DeviceNode> plan(List<Device> configured, ConfigProblems problems) {
    List<DeviceNode> planned = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      of(configured.get(i), "$.linux.devices[" + i + "]", problems).ifPresent(planned::add);
    }
    List<DeviceNode> nodes = new ArrayList<>();
    for (DeviceNode standard : DEFAULTS) {
      if (planned.stream().noneMatch(node -> node.path.equals(standard.path))) {
        nodes.add(standard);
      }
    }
    nodes.addAll(planned);
    return List.copyOf(nodes);
  }

  private static Optional<DeviceNode> of(Device device, String at, ConfigProblems problems) {
    int problemsBefore = problems.list().size();
    Optional<ContainerPath> path = ContainerPath.parse(device.path());
    if (path.isEmpty() || path.get().isRoot()) {
      problems.add(at + ".path", "must be an absolute path below /, was \"" + device.path()
          + "\"");
    }
    Kind kind = switch (device.type()) {
      case CHAR, UNBUFFERED_CHAR -> Kind.CHAR;
      case BLOCK -> Kind.BLOCK;
      case FIFO -> Kind.FIFO;
    };
    long major = number(device.major(), kind, MAX_MAJOR, at + ".major", problems);
    long minor = number(device.minor(), kind, MAX_MINOR, at + ".minor", problems);
    if (problems.list().size() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new DeviceNode(path.get(), kind, major, minor,
        device.fileMode() == null ? DEFAULT_MODE : device.fileMode(),
        device.uid() == null ? 0 : device.uid(), device.gid() == null ? 0 : device.gid()));
  }

  /** A major or minor number: required for c, b and u, meaningless for a fifo. */
  private static long number(Long value, Kind kind, long max, String at,
      ConfigProblems problems) {
    if (value == null) {
      if (kind != Kind.FIFO) {
        problems.add(at, "required for a device of type c, b or u");
      }
      return 0;
    }
    if (value < 0 || value > max) {
      problems.add(at, "must be between 0 and " + max + ", was " + value);
    }
    return kind == Kind.FIFO ? 0 : value;
  }

  /** mknod's mode: the file type and the permission bits. */
  long fileMode(InitProgramBuilder b) {
    return b.constant(kind.fileType) | mode;
  }

  long device() {
    return InitProgramBuilder.device((int) major, (int) minor);
  }

  /** The path runc's userns fallback bind-mounts from: the node of the same path on the host. */
  String hostPath() {
    return path.toString();
  }
}
