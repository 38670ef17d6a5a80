package io.capsa.runtime.namespaces;

import io.capsa.oci.linux.NamespaceType;
import io.capsa.sys.ArchConstant;
import java.util.Locale;

/** What the kernel calls each namespace type: its clone flag and its file in /proc/PID/ns. */
public final class NamespaceKind {
  private NamespaceKind() {}

  /** The CLONE_NEW* flag unshare, setns and clone3 take for {@code type}. */
  public static ArchConstant cloneFlag(NamespaceType type) {
    return switch (type) {
      case MOUNT -> ArchConstant.CLONE_NEWNS;
      case PID -> ArchConstant.CLONE_NEWPID;
      case NETWORK -> ArchConstant.CLONE_NEWNET;
      case UTS -> ArchConstant.CLONE_NEWUTS;
      case IPC -> ArchConstant.CLONE_NEWIPC;
      case USER -> ArchConstant.CLONE_NEWUSER;
      case CGROUP -> ArchConstant.CLONE_NEWCGROUP;
      case TIME -> ArchConstant.CLONE_NEWTIME;
    };
  }

  /** The name of {@code type}'s file in /proc/PID/ns ("mnt", "net", ...). */
  public static String procName(NamespaceType type) {
    return switch (type) {
      case MOUNT -> "mnt";
      case PID -> "pid";
      case NETWORK -> "net";
      case UTS -> "uts";
      case IPC -> "ipc";
      case USER -> "user";
      case CGROUP -> "cgroup";
      case TIME -> "time";
    };
  }

  /** The name config.json uses ("mount", "network", ...). */
  public static String jsonName(NamespaceType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
