package io.capsa.sys;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The system calls the JVM itself makes on the host: file descriptors, sockets, the fd-based
 * mount API, and starting and supervising capsa-init. Everything a container's process does
 * happens in capsa-init instead (see {@code io.capsa.init}); this interface never forks.
 *
 * <p>Every descriptor it returns is close-on-exec, whatever flags the caller passes: a
 * descriptor reaches a child only when a {@link SpawnRequest} maps it explicitly. Every failure
 * is a {@link SyscallException} naming the call, the path and the errno; calls that POSIX allows
 * to be restarted are retried on EINTR. Flag arguments are the kernel's values, taken from
 * {@link ArchConstant} for {@link Arch#current()}.
 *
 * <p>The implementation uses java.lang.foreign, so it needs Java 22 or newer and native access
 * ({@code --enable-native-access=ALL-UNNAMED}); {@link #get()} says so clearly when either is
 * missing.
 */
public interface HostSyscalls {

  /** The shared instance, loaded on first use; if it cannot load, every call fails saying why. */
  static HostSyscalls get() {
    return HostSyscallsLoader.shared();
  }

  /** Loads a new instance of the FFM implementation. */
  static HostSyscalls load() {
    return HostSyscallsLoader.load();
  }

  // Descriptors and files.

  /** memfd_create: an anonymous file, e.g. to hold capsa-init; MFD_CLOEXEC is always added. */
  Fd memfdCreate(String name, int flags);

  /** fcntl F_ADD_SEALS: F_SEAL_* bits; after F_SEAL_WRITE nobody can change the contents. */
  void addSeals(Fd memfd, int seals);

  /** fcntl F_GET_SEALS. */
  int getSeals(Fd memfd);

  /** fcntl F_GETFD: the descriptor flags (FD_CLOEXEC). */
  int getFdFlags(Fd fd);

  /** fcntl F_SETFD. */
  void setFdFlags(Fd fd, int flags);

  /** pipe2; O_CLOEXEC is always added. */
  Pipe pipe2(int flags);

  /** read: up to {@code length} bytes into {@code buffer}; 0 at end of file. */
  int read(Fd fd, byte[] buffer, int offset, int length);

  /** write: some of the bytes, at least one; the count written. */
  int write(Fd fd, byte[] data, int offset, int length);

  /** close a raw descriptor number; {@link Fd#close()} goes through here. Never retried. */
  void close(int fd);

  /** Writes all of {@code data}, however many writes that takes. */
  default void writeFully(Fd fd, byte[] data) {
    for (int written = 0; written < data.length; ) {
      written += write(fd, data, written, data.length - written);
    }
  }

  /** Reads until {@code buffer} is full or the end of file; returns how many bytes arrived. */
  default int readFully(Fd fd, byte[] buffer) {
    int filled = 0;
    while (filled < buffer.length) {
      int n = read(fd, buffer, filled, buffer.length - filled);
      if (n == 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  /**
   * openat2: opens {@code path} relative to {@code dir} (or {@link Fd#cwd()}), confined by
   * {@link OpenHow#resolve()}; O_CLOEXEC is always added.
   */
  Fd openat2(Fd dir, String path, OpenHow how);

  /** mkdirat. */
  void mkdirat(Fd dir, String path, int mode);

  /** unlinkat; AT_REMOVEDIR removes a directory. */
  void unlinkat(Fd dir, String path, int flags);

  /** readlinkat: a symlink's target; with an empty path and an O_PATH fd, that link itself. */
  String readlinkat(Fd dir, String path);

  /** fstatfs: the type and mount flags of the filesystem {@code fd} is on. */
  StatFs fstatfs(Fd fd);

  /** statx; an empty path with AT_EMPTY_PATH describes {@code dir} itself. */
  Statx statx(Fd dir, String path, int flags, int mask);

  // Sockets.

  /** socketpair; SOCK_CLOEXEC is always added. */
  SocketPair socketpair(int domain, int type, int protocol);

  /**
   * sendmsg: {@code data} (at least one byte on a stream socket) with {@code fds} as
   * SCM_RIGHTS; MSG_NOSIGNAL, so a closed peer is EPIPE rather than a signal. Returns the count
   * of bytes sent.
   */
  int sendmsg(Fd socket, byte[] data, List<Fd> fds);

  /** recvmsg: data into {@code buffer} and up to {@code maxFds} descriptors, close-on-exec. */
  ReceivedMessage recvmsg(Fd socket, byte[] buffer, int maxFds);

  // Unix sockets at an address, and waiting for input: systemd's notify socket.

  /** socket; SOCK_CLOEXEC is always added. */
  Fd socket(int domain, int type, int protocol);

  /** bind to a unix address; a path's socket file gets the umask's permissions. */
  void bind(Fd socket, UnixAddress address);

  /** connect to a unix address; a connected datagram socket sends there with sendmsg. */
  void connect(Fd socket, UnixAddress address);

  /**
   * ppoll of one descriptor: waits up to {@code timeout} for one of the POLL* {@code events}
   * (POLLHUP comes unasked). Returns the events that came, 0 when the time ran out.
   */
  int poll(Fd fd, int events, Duration timeout);

  // The fd-based mount API.

  /** open_tree: an O_PATH fd of {@code path}, or with OPEN_TREE_CLONE a detached copy of it. */
  Fd openTree(Fd dir, String path, int flags);

  /** move_mount: attaches or moves a mount; *_EMPTY_PATH flags let a side be an fd alone. */
  void moveMount(Fd fromDir, String fromPath, Fd toDir, String toPath, int flags);

  /** fsopen: a filesystem context for {@code fsName} ("tmpfs", "proc", "overlay", ...). */
  Fd fsopen(String fsName, int flags);

  /** fsconfig: one parameter or command of a filesystem context; unused arguments are null / 0. */
  void fsconfig(Fd fsContext, int command, String key, String value, int aux);

  /** fsconfig FSCONFIG_SET_STRING: {@code key=value}. */
  default void fsconfigSetString(Fd fsContext, String key, String value) {
    fsconfig(
        fsContext, (int) Arch.current().constant(ArchConstant.FSCONFIG_SET_STRING), key, value, 0);
  }

  /** fsconfig FSCONFIG_SET_FLAG: a parameter without a value, e.g. "ro". */
  default void fsconfigSetFlag(Fd fsContext, String key) {
    fsconfig(
        fsContext, (int) Arch.current().constant(ArchConstant.FSCONFIG_SET_FLAG), key, null, 0);
  }

  /** fsconfig FSCONFIG_CMD_CREATE: creates the superblock from the parameters set so far. */
  default void fsconfigCreate(Fd fsContext) {
    fsconfig(
        fsContext, (int) Arch.current().constant(ArchConstant.FSCONFIG_CMD_CREATE), null, null, 0);
  }

  /** fsmount: a detached mount of a created context, with MOUNT_ATTR_* {@code attrFlags}. */
  Fd fsmount(Fd fsContext, int flags, long attrFlags);

  /** mount_setattr: changes flags and propagation of a mount (AT_RECURSIVE: and those below). */
  void mountSetattr(Fd dir, String path, int flags, MountAttr attr);

  /** umount2: removes a host mount, e.g. an overlay rootfs on delete; MNT_DETACH for a busy one. */
  void umount2(String target, int flags);

  // eBPF programs, for the device filters of cgroups.

  /**
   * bpf(BPF_PROG_LOAD): loads {@code instructions} (each a {@code struct bpf_insn} of 8 bytes, in
   * the host's byte order) as a program of BPF_PROG_TYPE_* {@code programType} under {@code
   * license}, named {@code name} for bpftool (at most 15 characters of [A-Za-z0-9_.]). When the
   * verifier refuses the program, the load is repeated with a log so that the {@link
   * BpfLoadException} says why.
   */
  Fd bpfProgLoad(int programType, byte[] instructions, String license, String name);

  /**
   * bpf(BPF_PROG_ATTACH): attaches {@code program} to {@code target} (e.g. a cgroup directory)
   * at BPF_* {@code attachType} with BPF_F_* {@code flags}.
   */
  void bpfProgAttach(Fd target, Fd program, int attachType, int flags);

  /** bpf(BPF_PROG_DETACH): detaches {@code program} from {@code target}'s {@code attachType}. */
  void bpfProgDetach(Fd target, Fd program, int attachType);

  /** bpf(BPF_PROG_QUERY): the ids of the programs attached to {@code target} at a type. */
  List<Integer> bpfProgQuery(Fd target, int attachType);

  /** bpf(BPF_PROG_GET_FD_BY_ID): an fd of the loaded program with that id. */
  Fd bpfProgGetFdById(int id);

  // Terminals: a terminal's mode and size, on any descriptor of it (for a pty's master they are
  // its peer's).

  /**
   * Whether {@code fd} is a terminal, as isatty(3) decides it: TCGETS works on it. Never fails:
   * a closed descriptor or a hung-up terminal is not one.
   */
  boolean isTerminal(Fd fd);

  /** ioctl TCGETS: the terminal's mode; ENOTTY when {@code fd} is not a terminal. */
  Termios tcgetattr(Fd fd);

  /** ioctl TCSETS or TCSETSW, as {@code action} says: sets the terminal's mode. */
  void tcsetattr(Fd fd, TermiosAction action, Termios mode);

  /** ioctl TIOCGWINSZ: the terminal's size. */
  WindowSize windowSize(Fd fd);

  /**
   * ioctl TIOCSWINSZ: sets the terminal's size; when it changes, the kernel sends SIGWINCH to
   * the terminal's foreground process group.
   */
  void setWindowSize(Fd fd, WindowSize size);

  // Processes.

  /**
   * Starts a program with glibc's posix_spawn (vfork-style: the JVM is never copied), with the
   * descriptors of {@link SpawnRequest#childFds()} and nothing else, an empty signal mask and
   * every signal at its default, and returns it with a pidfd.
   */
  SpawnedProcess spawn(SpawnRequest request);

  /** pidfd_open: a pidfd of a process, which stays valid however its pid is reused. */
  Fd pidfdOpen(int pid);

  /** pidfd_send_signal: the only way this interface signals a process. */
  void pidfdSendSignal(Fd pidfd, int signal);

  /**
   * waitid(P_PIDFD) with WEXITED, WSTOPPED, WNOHANG, WNOWAIT ... in {@code options}; empty when
   * WNOHANG was given and nothing changed. Without WNOWAIT an exited child is reaped.
   */
  Optional<ChildStatus> waitid(Fd pidfd, int options);

  /** Waits for the child to terminate and reaps it. */
  default ChildStatus awaitExit(Fd pidfd) {
    return waitid(pidfd, (int) Arch.current().constant(ArchConstant.WEXITED)).orElseThrow();
  }

  /** prctl; returns the call's result, which some options use as their answer. */
  long prctl(int option, long arg2, long arg3, long arg4, long arg5);

  Uname uname();

  int getuid();

  int geteuid();

  int getgid();

  int getegid();
}
