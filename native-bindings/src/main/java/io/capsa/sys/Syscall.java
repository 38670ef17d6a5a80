package io.capsa.sys;

/**
 * The system calls Capsa makes, with their numbers on each supported architecture.
 *
 * <p>The numbers come from the kernel's UAPI headers ({@code asm/unistd_64.h} of each
 * architecture); {@code SyscallTableTest} re-reads those headers and checks every entry.
 */
public enum Syscall {
  READ("read", 0, 3),
  WRITE("write", 1, 4),
  CLOSE("close", 3, 6),
  OPENAT("openat", 257, 286),
  OPENAT2("openat2", 437, 437),
  CLOSE_RANGE("close_range", 436, 436),
  DUP3("dup3", 292, 316),
  FCNTL("fcntl", 72, 55),
  IOCTL("ioctl", 16, 54),
  PIPE2("pipe2", 293, 317),
  SOCKETPAIR("socketpair", 53, 333),
  SOCKET("socket", 41, 326),
  BIND("bind", 49, 327),
  CONNECT("connect", 42, 328),
  SENDMSG("sendmsg", 46, 341),
  RECVMSG("recvmsg", 47, 342),
  LSEEK("lseek", 8, 19),
  MOUNT("mount", 165, 21),
  UMOUNT2("umount2", 166, 52),
  PIVOT_ROOT("pivot_root", 155, 203),
  CHROOT("chroot", 161, 61),
  CHDIR("chdir", 80, 12),
  FCHDIR("fchdir", 81, 133),
  GETCWD("getcwd", 79, 182),
  MKDIRAT("mkdirat", 258, 287),
  MKNODAT("mknodat", 259, 288),
  SYMLINKAT("symlinkat", 266, 295),
  UNLINKAT("unlinkat", 263, 292),
  READLINKAT("readlinkat", 267, 296),
  FCHMODAT("fchmodat", 268, 297),
  FCHOWNAT("fchownat", 260, 289),
  NEWFSTATAT("newfstatat", 262, 291),
  STATX("statx", 332, 383),
  FSTATFS("fstatfs", 138, 100),
  STATFS("statfs", 137, 99),
  FACCESSAT("faccessat", 269, 298),
  FACCESSAT2("faccessat2", 439, 439),
  OPEN_TREE("open_tree", 428, 428),
  MOVE_MOUNT("move_mount", 429, 429),
  FSOPEN("fsopen", 430, 430),
  FSCONFIG("fsconfig", 431, 431),
  FSMOUNT("fsmount", 432, 432),
  FSPICK("fspick", 433, 433),
  MOUNT_SETATTR("mount_setattr", 442, 442),
  UNSHARE("unshare", 272, 282),
  SETNS("setns", 308, 350),
  CLONE("clone", 56, 120),
  CLONE3("clone3", 435, 435),
  EXECVE("execve", 59, 11),
  EXECVEAT("execveat", 322, 362),
  EXIT("exit", 60, 1),
  EXIT_GROUP("exit_group", 231, 234),
  WAIT4("wait4", 61, 114),
  WAITID("waitid", 247, 272),
  KILL("kill", 62, 37),
  TGKILL("tgkill", 234, 250),
  GETPID("getpid", 39, 20),
  GETPPID("getppid", 110, 64),
  GETTID("gettid", 186, 207),
  SETSID("setsid", 112, 66),
  SETPGID("setpgid", 109, 57),
  SETHOSTNAME("sethostname", 170, 74),
  SETDOMAINNAME("setdomainname", 171, 121),
  SETRESUID("setresuid", 117, 164),
  SETRESGID("setresgid", 119, 169),
  SETGROUPS("setgroups", 116, 81),
  CAPGET("capget", 125, 183),
  CAPSET("capset", 126, 184),
  PRCTL("prctl", 157, 171),
  SECCOMP("seccomp", 317, 358),
  PRLIMIT64("prlimit64", 302, 325),
  UMASK("umask", 95, 60),
  SETPRIORITY("setpriority", 141, 97),
  SCHED_SETATTR("sched_setattr", 314, 355),
  SCHED_SETSCHEDULER("sched_setscheduler", 144, 156),
  SCHED_SETAFFINITY("sched_setaffinity", 203, 222),
  IOPRIO_SET("ioprio_set", 251, 273),
  PERSONALITY("personality", 135, 136),
  RT_SIGPROCMASK("rt_sigprocmask", 14, 174),
  RT_SIGACTION("rt_sigaction", 13, 173),
  PIDFD_OPEN("pidfd_open", 434, 434),
  PIDFD_SEND_SIGNAL("pidfd_send_signal", 424, 424),
  PIDFD_GETFD("pidfd_getfd", 438, 438),
  MEMFD_CREATE("memfd_create", 319, 360),
  BPF("bpf", 321, 361),
  KEYCTL("keyctl", 250, 271),
  GETDENTS64("getdents64", 217, 202),
  UNAME("uname", 63, 122),
  GETUID("getuid", 102, 24),
  GETGID("getgid", 104, 47),
  GETEUID("geteuid", 107, 49),
  GETEGID("getegid", 108, 50),
  PPOLL("ppoll", 271, 281),
  NANOSLEEP("nanosleep", 35, 162),
  SET_MEMPOLICY("set_mempolicy", 238, 261);

  private final String kernelName;
  private final int x86_64;
  private final int ppc64le;

  Syscall(String kernelName, int x86_64, int ppc64le) {
    this.kernelName = kernelName;
    this.x86_64 = x86_64;
    this.ppc64le = ppc64le;
  }

  /** The name the kernel gives the call ({@code __NR_<name>}), as shown in errors. */
  public String kernelName() {
    return kernelName;
  }

  /** The call's number on {@code arch}. */
  public int number(Arch arch) {
    return switch (arch) {
      case X86_64 -> x86_64;
      case PPC64LE -> ppc64le;
    };
  }
}
