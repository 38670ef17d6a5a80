package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;

/** The formats the builder attaches to immediates, one per kind of syscall argument. */
final class Formats {
  private Formats() {}

  static final ValueFormat FD =
      (value, arch) -> value == arch.constant(AT_FDCWD) ? "AT_FDCWD" : Long.toString(value);

  static final ValueFormat SIGNAL =
      Choice.of(SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL,
          SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGCHLD, SIGCONT,
          SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
          SIGWINCH, SIGIO, SIGPWR, SIGSYS);

  /** Seconds, 0 meaning no limit. */
  static final ValueFormat TIMEOUT = (value, arch) -> value == 0 ? "no timeout" : value + "s";

  static final ValueFormat ERRNO =
      (value, arch) -> Errno.of((int) value, arch).map(Enum::name).orElse(Long.toString(value));

  /** The access mode (O_ACCMODE, the low two bits) is a value, not a flag. */
  static final ValueFormat OPEN =
      Flags.withField(3, Choice.of(O_RDONLY, O_WRONLY, O_RDWR), O_CREAT, O_EXCL, O_NOCTTY,
          O_TRUNC, O_APPEND, O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_PATH);

  static final ValueFormat RESOLVE =
      Flags.of(RESOLVE_NO_XDEV, RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS, RESOLVE_BENEATH,
          RESOLVE_IN_ROOT);

  static final ValueFormat AT = Flags.of(AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, AT_RECURSIVE,
      AT_REMOVEDIR);

  /** faccessat2's flags: AT_EACCESS shares its bit with AT_REMOVEDIR, hence a format of its own. */
  static final ValueFormat ACCESS_AT = Flags.of(AT_EACCESS, AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW);
  static final ValueFormat ACCESS_MODE = Flags.of(X_OK);

  static final ValueFormat STATX_MASK = Flags.of(STATX_BASIC_STATS, STATX_TYPE, STATX_MODE,
      STATX_INO, STATX_MNT_ID);

  /** File type (S_IFMT, 0170000) and permission bits, as in mknod's mode. */
  static final ValueFormat FILE_MODE =
      Flags.withField(0170000, Choice.of(S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR,
          S_IFIFO)).restAs(ValueFormat.OCTAL);

  static final ValueFormat MOUNT =
      Flags.of(MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_SYNCHRONOUS, MS_REMOUNT,
          MS_MANDLOCK, MS_DIRSYNC, MS_NOSYMFOLLOW, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_MOVE,
          MS_REC, MS_SILENT, MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED, MS_RELATIME,
          MS_STRICTATIME, MS_LAZYTIME);

  static final ValueFormat UMOUNT = Flags.of(MNT_FORCE, MNT_DETACH);

  static final ValueFormat MOUNT_ATTR =
      Flags.of(MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV, MOUNT_ATTR_NOEXEC,
          MOUNT_ATTR_NOATIME, MOUNT_ATTR_STRICTATIME, MOUNT_ATTR_NODIRATIME, MOUNT_ATTR_IDMAP,
          MOUNT_ATTR_NOSYMFOLLOW);

  static final ValueFormat PROPAGATION = Choice.of(MS_PRIVATE, MS_SHARED, MS_SLAVE,
      MS_UNBINDABLE);

  static final ValueFormat OPEN_TREE = Flags.of(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC,
      AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, AT_RECURSIVE);

  static final ValueFormat MOVE_MOUNT = Flags.of(MOVE_MOUNT_F_EMPTY_PATH,
      MOVE_MOUNT_T_EMPTY_PATH);

  static final ValueFormat FSOPEN = Flags.of(FSOPEN_CLOEXEC);
  static final ValueFormat FSCONFIG_COMMAND = Choice.of(FSCONFIG_SET_FLAG, FSCONFIG_SET_STRING,
      FSCONFIG_CMD_CREATE);
  static final ValueFormat FSMOUNT = Flags.of(FSMOUNT_CLOEXEC);

  private static final ArchConstant[] CLONE_BITS = {CLONE_VM, CLONE_VFORK, CLONE_PARENT,
      CLONE_PIDFD, CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
      CLONE_NEWPID, CLONE_NEWNET, CLONE_INTO_CGROUP};

  /** unshare, setns and clone3 flags; CLONE_NEWTIME shares its bit with clone's exit signal. */
  static final ValueFormat NAMESPACES = Flags.of(concat(CLONE_BITS, CLONE_NEWTIME));

  /** clone(2) flags: the low byte is the signal sent to the parent when the child exits. */
  static final ValueFormat CLONE = Flags.withField(0xff, SIGNAL, CLONE_BITS);

  static final ValueFormat CLOSE_RANGE = Flags.of(CLOSE_RANGE_CLOEXEC, CLOSE_RANGE_UNSHARE);

  static final ValueFormat FCNTL_COMMAND = Choice.of(F_GETFD, F_SETFD, F_GETFL, F_SETFL,
      F_DUPFD_CLOEXEC, F_ADD_SEALS, F_GET_SEALS);

  static final ValueFormat IOCTL_REQUEST = Choice.of(TCGETS, TCSETS, TIOCSCTTY, TIOCNOTTY,
      TIOCGWINSZ, TIOCSWINSZ, TIOCGPTN, TIOCSPTLCK, TIOCGPTPEER, SIOCSIFFLAGS);

  static final ValueFormat SOCKET_DOMAIN = Choice.of(AF_UNIX, AF_INET);
  static final ValueFormat INTERFACE_FLAGS = Flags.of(IFF_UP, IFF_RUNNING);
  /** The socket type is the low four bits; SOCK_CLOEXEC and SOCK_NONBLOCK are flags above it. */
  static final ValueFormat SOCKET_TYPE =
      Flags.withField(0xf, Choice.of(SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET), SOCK_CLOEXEC);
  static final ValueFormat MSG = Flags.of(MSG_NOSIGNAL, MSG_CMSG_CLOEXEC);

  static final ValueFormat PRCTL_OPTION = Choice.of(PR_SET_PDEATHSIG, PR_SET_DUMPABLE,
      PR_SET_KEEPCAPS, PR_SET_NAME, PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_CHILD_SUBREAPER,
      PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT);

  static final ValueFormat SECCOMP_OPERATION = Choice.of(SECCOMP_SET_MODE_FILTER);
  static final ValueFormat SECCOMP_FLAGS = Flags.of(SECCOMP_FILTER_FLAG_TSYNC,
      SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_NEW_LISTENER);

  static final ValueFormat RLIMIT = Choice.of(RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA,
      RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK,
      RLIMIT_AS, RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO,
      RLIMIT_RTTIME);

  static final ValueFormat SCHED_POLICY = Choice.of(SCHED_NORMAL, SCHED_FIFO, SCHED_RR,
      SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE);

  /** set_mempolicy's mode sits in the low bits; MPOL_F_* flags are above it. */
  static final ValueFormat MEMPOLICY = Flags.withField(0xff, Choice.of(MPOL_DEFAULT,
      MPOL_PREFERRED, MPOL_BIND, MPOL_INTERLEAVE, MPOL_LOCAL, MPOL_PREFERRED_MANY,
      MPOL_WEIGHTED_INTERLEAVE),
      MPOL_F_STATIC_NODES, MPOL_F_RELATIVE_NODES, MPOL_F_NUMA_BALANCING);

  private static ArchConstant[] concat(ArchConstant[] first, ArchConstant last) {
    ArchConstant[] all = java.util.Arrays.copyOf(first, first.length + 1);
    all[first.length] = last;
    return all;
  }
}
