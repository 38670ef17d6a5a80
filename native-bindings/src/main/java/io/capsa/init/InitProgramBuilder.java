package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link InitProgram} for one architecture, one op per call. The methods are named
 * and ordered like the system calls they emit and resolve syscall numbers, constants and struct
 * layouts for the builder's {@link Arch}; each returns the {@link Step} it added, whose result an
 * fd or pid argument of a later call can refer to. Every op gets a description made from its
 * arguments ("mount proc on /proc"), which {@link Step#describedAs(String)} can replace.
 *
 * <p>Paths and strings are copied into the program's blob as NUL-terminated UTF-8; a null
 * string is passed as a NULL pointer.
 */
public final class InitProgramBuilder {
  /** RLIM_INFINITY: the limit value meaning "no limit". */
  public static final long UNLIMITED = -1L;

  /** keyctl(2)'s KEYCTL_JOIN_SESSION_KEYRING (linux/keyctl.h, the same on every arch). */
  private static final int KEYCTL_JOIN_SESSION_KEYRING = 1;
  private final Arch arch;
  private final List<Draft> drafts = new ArrayList<>();
  private final Blob blob = new Blob();
  private final KernelStructs structs;
  private int labelCount;

  InitProgramBuilder(Arch arch) {
    this.arch = Objects.requireNonNull(arch, "arch");
    this.structs = new KernelStructs(blob, arch);
  }

  public Arch arch() {
    return arch;
  }

  /** The value of {@code constant} on the builder's architecture. */
  public long constant(ArchConstant constant) {
    return arch.constant(constant);
  }

  /** The bitwise or of {@code constants} on the builder's architecture. */
  public long flags(ArchConstant... constants) {
    long flags = 0;
    for (ArchConstant constant : constants) {
      flags |= arch.constant(constant);
    }
    return flags;
  }

  /** AT_FDCWD, the dirfd of the *at calls meaning "relative to the working directory". */
  public Arg.Immediate atFdcwd() {
    return Arg.fd((int) constant(AT_FDCWD));
  }

  // ---------------------------------------------------------------- data in the blob

  /** A NUL-terminated copy of {@code text} in the blob. */
  public Arg.BlobRef string(String text) {
    return new Arg.BlobRef(blob.appendString(text), ProgramRenderer.quote(text));
  }

  /** A NULL-terminated array of string pointers, as execve's argv and envp. */
  public Arg.BlobRef stringArray(List<String> strings) {
    return new Arg.BlobRef(blob.appendStringArray(strings), ProgramRenderer.quoteAll(strings));
  }

  /** A copy of {@code data} in the blob. */
  public Arg.BlobRef bytes(byte[] data) {
    return new Arg.BlobRef(blob.append(data, 8),
        "<" + ProgramRenderer.byteCount(data.length) + ">");
  }

  /** {@code size} zero bytes for a syscall to write into and a later op to load from. */
  public Arg.BlobRef buffer(int size) {
    return new Arg.BlobRef(blob.reserve(size, 8),
        "<buffer of " + ProgramRenderer.byteCount(size) + ">");
  }

  // ---------------------------------------------------------------- control flow and slots

  /** A new, unbound label for forward jumps. */
  public Label label() {
    return label("L" + ++labelCount);
  }

  public Label label(String name) {
    return new Label(this, name);
  }

  /** Places {@code label} in front of the next op added (or at the end of the program). */
  public void bind(Label label) {
    checkOwner(label.owner(), "label " + label);
    label.bindTo(drafts.size());
  }

  public Step jump(Label target) {
    return jump(Condition.ALWAYS, Arg.of(0), Arg.of(0), target, "go to " + target);
  }

  /** Jumps to {@code target} when {@code a condition b} holds (a signed comparison). */
  public Step jumpIf(Operand a, Condition condition, long b, Label target) {
    return jumpIf(a, condition, Arg.of(b), target);
  }

  public Step jumpIf(Operand a, Condition condition, Operand b, Label target) {
    if (condition == Condition.ALWAYS) {
      throw new IllegalArgumentException("use jump(label) for a jump without condition");
    }
    return jump(condition, arg(a), arg(b), target,
        "go to " + target + " if " + show(a) + " " + condition.symbol() + " " + show(b));
  }

  private Step jump(Condition condition, Arg a, Arg b, Label target, String description) {
    checkOwner(target.owner(), "label " + target);
    if (target.isBound()) {
      throw new IllegalArgumentException(
          "label " + target + " is already bound: jumps only go forward");
    }
    Step step = emit(OpCode.JUMP, null, condition.wireCode(), description, a, b, Arg.of(0));
    drafts.get(step.index()).target = target;
    return step;
  }

  /** Reads {@code width} (1, 4 or 8) bytes at {@code at} into the new op's slot. */
  public Step load(Arg.BlobRef at, int width) {
    return emit(OpCode.LOAD, null, checkWidth(width),
        "load " + ProgramRenderer.byteCount(width) + " from " + at.shown(), at);
  }

  /** Writes the low {@code width} (1, 4 or 8) bytes of {@code value} at {@code at}. */
  public Step store(Operand value, Arg.BlobRef at, int width) {
    return emit(OpCode.STORE, null, checkWidth(width),
        "store " + show(value) + " at " + at.shown(), arg(value), at);
  }

  /** Ends the process with {@code status}. */
  public Step exit(int status) {
    return exit(Arg.of(status));
  }

  public Step exit(Operand status) {
    return emit(OpCode.EXIT, null, 0, "exit with status " + show(status), arg(status));
  }

  /** Fails the program here with {@code errno}, after a jump found something wrong. */
  public Step fail(Errno errno, String description) {
    return emit(OpCode.FAIL, null, 0, description,
        new Arg.Immediate(errno.number(arch), Formats.ERRNO));
  }

  /**
   * Becomes PID 1's reaper: forks, the parent closes every fd but stdio, then the child goes on
   * with the next op (its slot holds 0), never before, so that no later process finds the
   * runtime's fds in PID 1; the parent forwards every signal to the child, reaps all zombies
   * and exits with the child's exit code (128 + signal when a signal killed it). Outside a new
   * PID namespace, precede it with {@link #setChildSubreaper()} so orphans are reparented to it.
   */
  public Step reaper() {
    return emit(OpCode.REAPER, null, 0, "fork and reap as PID 1");
  }

  /**
   * Runs a program to completion, as for an OCI hook: forks, the child gets {@code stdin} on a
   * pipe (at most /proc/sys/fs/pipe-max-size bytes) and execs {@code path}; the op fails with
   * the child's execve errno, with ETIMEDOUT when it runs longer than {@code timeoutSeconds}
   * (0: no limit; it is killed), or with ECHILD when it does not exit 0. For the last two the
   * error record's detail is the wait status.
   */
  public Step forkExecWait(String path, List<String> argv, List<String> envp, byte[] stdin,
      int timeoutSeconds) {
    return forkExecWait(path, argv, envp, bytes(stdin), Arg.of(stdin.length), timeoutSeconds);
  }

  /**
   * {@link #forkExecWait(String, List, List, byte[], int)} with the {@code stdinLength} bytes at
   * {@code stdin} on the child's stdin: data the program receives while it runs, such as a
   * message {@link #read} into a {@link #buffer} (pass the read's step as the length).
   */
  public Step forkExecWait(String path, List<String> argv, List<String> envp, Arg.BlobRef stdin,
      Operand stdinLength, int timeoutSeconds) {
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("negative timeout " + timeoutSeconds);
    }
    return emit(OpCode.FORK_EXEC_WAIT, null, 0, "run " + path, string(path), stringArray(argv),
        stringArray(envp), stdin, arg(stdinLength),
        new Arg.Immediate(timeoutSeconds, Formats.TIMEOUT));
  }

  // ---------------------------------------------------------------- any system call

  /** The escape hatch: {@code syscall} with the given arguments, described by its name. */
  public Step syscall(Syscall syscall, Operand... args) {
    return call(syscall, syscall.kernelName(), Arrays.stream(args).map(this::arg)
        .toArray(Arg[]::new));
  }

  // ---------------------------------------------------------------- files and fds

  public Step openat(Operand dirfd, String path, long flags, long mode) {
    return call(Syscall.OPENAT, "open " + path, arg(dirfd), string(path),
        imm(flags, Formats.OPEN), imm(mode, ValueFormat.OCTAL));
  }

  /** openat2 with a {@code struct open_how} of {@code flags}, {@code mode}, {@code resolve}. */
  public Step openat2(Operand dirfd, String path, long flags, long mode, long resolve) {
    return call(Syscall.OPENAT2, "open " + path, arg(dirfd), string(path),
        structs.openHow(flags, mode, resolve), Arg.of(constant(SIZEOF_STRUCT_OPEN_HOW)));
  }

  public Step close(Operand fd) {
    return call(Syscall.CLOSE, "close fd " + show(fd), arg(fd));
  }

  /** close_range; {@code last} is an unsigned int, 0xffffffffL meaning "every fd from first". */
  public Step closeRange(int first, long last, long flags) {
    return call(Syscall.CLOSE_RANGE,
        (flags == 0 ? "close" : "mark close-on-exec") + " fds " + first + " to "
            + (last == 0xffffffffL ? "the last" : Long.toString(last)),
        Arg.of(first), imm(last, ValueFormat.HEX), imm(flags, Formats.CLOSE_RANGE));
  }

  public Step dup3(Operand oldfd, Operand newfd, long flags) {
    return call(Syscall.DUP3, "duplicate fd " + show(oldfd) + " onto " + show(newfd),
        arg(oldfd), arg(newfd), imm(flags, Formats.OPEN));
  }

  public Step fcntl(Operand fd, ArchConstant command, long arg) {
    return call(Syscall.FCNTL, "fcntl " + command + " on fd " + show(fd), arg(fd),
        imm(arch.constant(command), Formats.FCNTL_COMMAND), Arg.of(arg));
  }

  public Step ioctl(Operand fd, ArchConstant request, Operand arg) {
    return call(Syscall.IOCTL, "ioctl " + request + " on fd " + show(fd), arg(fd),
        imm(arch.constant(request), Formats.IOCTL_REQUEST), arg(arg));
  }

  /** Makes the terminal {@code fd} the controlling terminal (after setsid). */
  public Step setControllingTerminal(Operand fd) {
    return ioctl(fd, TIOCSCTTY, Arg.of(0))
        .describedAs("make fd " + show(fd) + " the controlling terminal");
  }

  /** TIOCSWINSZ with a {@code struct winsize} of {@code rows} x {@code columns}. */
  public Step setWindowSize(Operand fd, int rows, int columns) {
    return ioctl(fd, TIOCSWINSZ, structs.winsize(rows, columns))
        .describedAs("set the window size of fd " + show(fd) + " to " + rows + "x" + columns);
  }

  /** Reads up to {@code count} bytes from {@code fd} into {@code buffer}. */
  public Step read(Operand fd, Arg.BlobRef buffer, int count) {
    return call(Syscall.READ, "read " + ProgramRenderer.byteCount(count) + " from fd " + show(fd),
        arg(fd), buffer, Arg.of(count));
  }

  /** Reads up to {@code count} bytes from {@code fd} into a fresh buffer, e.g. to wait for it. */
  public Step read(Operand fd, int count) {
    return read(fd, buffer(count), count);
  }

  public Step write(Operand fd, byte[] bytes) {
    return write(fd, bytes(bytes), bytes.length);
  }

  public Step write(Operand fd, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return write(fd, new Arg.BlobRef(blob.append(utf8, 1), ProgramRenderer.quote(text)),
        utf8.length);
  }

  public Step write(Operand fd, Arg.BlobRef data, int count) {
    return call(Syscall.WRITE, "write " + ProgramRenderer.byteCount(count) + " to fd " + show(fd),
        arg(fd), data, Arg.of(count));
  }

  /** pipe2, then one load per end so that later ops can refer to them. */
  public FdPair pipe2(long flags) {
    Arg.BlobRef fds = new Arg.BlobRef(blob.reserve(8, 8), "<int[2]>");
    Step pipe = call(Syscall.PIPE2, "create a pipe", fds, imm(flags, Formats.OPEN));
    return new FdPair(
        load(fds, 4).describedAs("read end of the pipe of op " + pipe.index()),
        load(fds.plus(4), 4).describedAs("write end of the pipe of op " + pipe.index()));
  }

  public Step socket(long domain, long type, long protocol) {
    return call(Syscall.SOCKET, "create a socket", imm(domain, Formats.SOCKET_DOMAIN),
        imm(type, Formats.SOCKET_TYPE), Arg.of(protocol));
  }

  /**
   * SIOCSIFFLAGS: sets the flags of the network interface {@code name}, in the network namespace
   * of {@code socket}, to {@code flags} (IFF_UP brings it up).
   */
  public Step setInterfaceFlags(Operand socket, String name, long flags) {
    return ioctl(socket, SIOCSIFFLAGS, structs.ifreqFlags(name, flags))
        .describedAs("set the flags of interface " + name + " to "
            + Formats.INTERFACE_FLAGS.format(flags, arch));
  }

  /** socketpair, then one load per socket so that later ops can refer to them. */
  public FdPair socketpair(long domain, long type, long protocol) {
    Arg.BlobRef fds = new Arg.BlobRef(blob.reserve(8, 8), "<int[2]>");
    Step pair = call(Syscall.SOCKETPAIR, "create a socket pair",
        imm(domain, Formats.SOCKET_DOMAIN), imm(type, Formats.SOCKET_TYPE), Arg.of(protocol),
        fds);
    return new FdPair(
        load(fds, 4).describedAs("first socket of op " + pair.index()),
        load(fds.plus(4), 4).describedAs("second socket of op " + pair.index()));
  }

  /**
   * Sends {@code fd} over the unix socket {@code socket} as SCM_RIGHTS with one byte of data:
   * stores the fd into the message's control data, then calls sendmsg.
   */
  public Step sendFd(Operand socket, Operand fd) {
    KernelStructs.ScmRightsMessage message = structs.scmRightsMessage("{SCM_RIGHTS " + show(fd)
        + "}");
    store(fd, message.fd(), 4);
    return call(Syscall.SENDMSG, "send fd " + show(fd) + " over socket " + show(socket),
        arg(socket), message.msghdr(), imm(constant(MSG_NOSIGNAL), Formats.MSG));
  }

  /**
   * Receives one fd sent as SCM_RIGHTS over the unix socket {@code socket} (close-on-exec);
   * the returned load holds it.
   */
  public Step recvFd(Operand socket) {
    KernelStructs.ScmRightsMessage message = structs.scmRightsMessage("{SCM_RIGHTS}");
    Step received = call(Syscall.RECVMSG, "receive an fd over socket " + show(socket),
        arg(socket), message.msghdr(), imm(constant(MSG_CMSG_CLOEXEC), Formats.MSG));
    return load(message.fd(), 4).describedAs("fd received by op " + received.index());
  }

  // ---------------------------------------------------------------- filesystem

  public Step mkdirat(Operand dirfd, String path, long mode) {
    return call(Syscall.MKDIRAT, "create directory " + path, arg(dirfd), string(path),
        imm(mode, ValueFormat.OCTAL));
  }

  /** mknodat; {@code device} is the kernel's dev_t encoding, see {@link #device(int, int)}. */
  public Step mknodat(Operand dirfd, String path, long mode, long device) {
    return call(Syscall.MKNODAT, "create node " + path, arg(dirfd), string(path),
        imm(mode, Formats.FILE_MODE), imm(device, ValueFormat.HEX));
  }

  /** The dev_t of a device number, as glibc's makedev lays out major and minor. */
  public static long device(int major, int minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  public Step symlinkat(String target, Operand dirfd, String linkpath) {
    return call(Syscall.SYMLINKAT, "create symlink " + linkpath + " -> " + target,
        string(target), arg(dirfd), string(linkpath));
  }

  public Step unlinkat(Operand dirfd, String path, long flags) {
    return call(Syscall.UNLINKAT, "remove " + path, arg(dirfd), string(path),
        imm(flags, Formats.AT));
  }

  /**
   * faccessat2: whether {@code path} allows {@code mode} (X_OK); with AT_EACCESS the check uses
   * the effective ids and capabilities, as execve will, not the real ones.
   */
  public Step faccessat2(Operand dirfd, String path, long mode, long flags) {
    return call(Syscall.FACCESSAT2, "check access to " + path, arg(dirfd), string(path),
        imm(mode, Formats.ACCESS_MODE), imm(flags, Formats.ACCESS_AT));
  }

  /**
   * statx of {@code path} into {@code buffer} (at least SIZEOF_STRUCT_STATX bytes); a later
   * load reads a field, e.g. at OFFSETOF_STATX_MODE.
   */
  public Step statx(Operand dirfd, String path, long flags, long mask, Arg.BlobRef buffer) {
    return call(Syscall.STATX, "get the status of " + path, arg(dirfd), string(path),
        imm(flags, Formats.AT), imm(mask, Formats.STATX_MASK), buffer);
  }

  public Step fchownat(Operand dirfd, String path, long uid, long gid, long flags) {
    return call(Syscall.FCHOWNAT, "change the owner of " + path + " to " + uid + ":" + gid,
        arg(dirfd), string(path), Arg.of(uid), Arg.of(gid), imm(flags, Formats.AT));
  }

  public Step chdir(String path) {
    return call(Syscall.CHDIR, "change directory to " + path, string(path));
  }

  public Step fchdir(Operand fd) {
    return call(Syscall.FCHDIR, "change directory to fd " + show(fd), arg(fd));
  }

  public Step chroot(String path) {
    return call(Syscall.CHROOT, "change root to " + path, string(path));
  }

  /** getcwd into {@code buffer}: the kernel's answer starts with "(unreachable)" when the
   * directory is outside the root, so loading its first byte tells whether it is inside. */
  public Step getcwd(Arg.BlobRef buffer, int size) {
    return call(Syscall.GETCWD, "get the working directory", buffer, Arg.of(size));
  }

  public Step umask(long mask) {
    return call(Syscall.UMASK, "set umask " + ValueFormat.OCTAL.format(mask, arch),
        imm(mask, ValueFormat.OCTAL));
  }

  // ---------------------------------------------------------------- mounts

  /** mount(2); null {@code source}, {@code fstype} or {@code data} pass NULL. */
  public Step mount(String source, String target, String fstype, long flags, String data) {
    return call(Syscall.MOUNT, describeMount(source, target, fstype, flags), optionalString(source),
        string(target), optionalString(fstype), imm(flags, Formats.MOUNT), optionalString(data));
  }

  private String describeMount(String source, String target, String fstype, long flags) {
    long propagation = flags(MS_PRIVATE, MS_SHARED, MS_SLAVE, MS_UNBINDABLE);
    if ((flags & propagation) != 0 && (flags & flags(MS_BIND, MS_REMOUNT)) == 0) {
      return "make " + target + " " + ((flags & constant(MS_REC)) != 0 ? "recursively " : "")
          + Formats.PROPAGATION.format(flags & propagation, arch).replace("MS_", "")
              .toLowerCase(java.util.Locale.ROOT);
    }
    if ((flags & constant(MS_REMOUNT)) != 0) {
      return "remount " + target;
    }
    if ((flags & constant(MS_MOVE)) != 0) {
      return "move mount " + source + " to " + target;
    }
    if ((flags & constant(MS_BIND)) != 0) {
      return "bind mount " + source + " on " + target;
    }
    return "mount " + (fstype != null ? fstype : source) + " on " + target;
  }

  public Step umount2(String target, long flags) {
    return call(Syscall.UMOUNT2, "unmount " + target, string(target), imm(flags, Formats.UMOUNT));
  }

  public Step pivotRoot(String newRoot, String putOld) {
    return call(Syscall.PIVOT_ROOT, "pivot root to " + newRoot + ", old root to " + putOld,
        string(newRoot), string(putOld));
  }

  public Step openTree(Operand dirfd, String path, long flags) {
    return call(Syscall.OPEN_TREE, "open mount tree " + path, arg(dirfd), string(path),
        imm(flags, Formats.OPEN_TREE));
  }

  public Step moveMount(Operand fromDirfd, String fromPath, Operand toDirfd, String toPath,
      long flags) {
    return call(Syscall.MOVE_MOUNT, "move mount " + show(fromDirfd) + " to " + show(toDirfd)
        + (toPath.isEmpty() ? "" : "/" + toPath), arg(fromDirfd), string(fromPath),
        arg(toDirfd), string(toPath), imm(flags, Formats.MOVE_MOUNT));
  }

  public Step fsopen(String fstype, long flags) {
    return call(Syscall.FSOPEN, "open filesystem context " + fstype, string(fstype),
        imm(flags, Formats.FSOPEN));
  }

  /** fsconfig; null {@code key} or {@code value} pass NULL. */
  public Step fsconfig(Operand fd, long command, String key, String value, int aux) {
    return call(Syscall.FSCONFIG, "configure filesystem context " + show(fd)
        + (key == null ? "" : ": " + key + (value == null ? "" : "=" + value)), arg(fd),
        imm(command, Formats.FSCONFIG_COMMAND), optionalString(key), optionalString(value),
        Arg.of(aux));
  }

  public Step fsmount(Operand fd, long flags, long attrFlags) {
    return call(Syscall.FSMOUNT, "create mount from filesystem context " + show(fd), arg(fd),
        imm(flags, Formats.FSMOUNT), imm(attrFlags, Formats.MOUNT_ATTR));
  }

  /**
   * mount_setattr with a {@code struct mount_attr}; a {@code usernsFd} that is a slot is stored
   * into the struct by an op before the call, pass {@code Arg.of(0)} when not id-mapping.
   */
  public Step mountSetattr(Operand dirfd, String path, long flags, long attrSet, long attrClear,
      long propagation, Operand usernsFd) {
    Arg userns = arg(usernsFd);
    Arg.BlobRef attr = structs.mountAttr(attrSet, attrClear, propagation, userns);
    if (!(userns instanceof Arg.Immediate)) {
      store(userns, KernelStructs.field(attr, KernelStructs.MOUNT_ATTR_USERNS_FD,
          "mount_attr.userns_fd"), 8);
    }
    return call(Syscall.MOUNT_SETATTR, "set mount attributes of " + show(dirfd)
        + (path.isEmpty() ? "" : "/" + path), arg(dirfd), string(path),
        imm(flags, Formats.AT), attr, Arg.of(constant(SIZEOF_STRUCT_MOUNT_ATTR)));
  }

  // ---------------------------------------------------------------- namespaces and processes

  public Step unshare(long flags) {
    return call(Syscall.UNSHARE, "unshare " + Formats.NAMESPACES.format(flags, arch),
        imm(flags, Formats.NAMESPACES));
  }

  public Step setns(Operand fd, long nstype) {
    return call(Syscall.SETNS, "join the namespace of fd " + show(fd), arg(fd),
        imm(nstype, Formats.NAMESPACES));
  }

  public Step sethostname(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return call(Syscall.SETHOSTNAME, "set hostname " + name, string(name), Arg.of(utf8.length));
  }

  public Step setdomainname(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return call(Syscall.SETDOMAINNAME, "set domain name " + name, string(name),
        Arg.of(utf8.length));
  }

  /** fork(2) as clone(SIGCHLD): the child's slot holds 0, the parent's the child's pid. */
  public Step fork() {
    return call(Syscall.CLONE, "fork", imm(constant(SIGCHLD), Formats.CLONE), Arg.of(0));
  }

  /**
   * clone3 without a new stack (fork semantics) with {@code flags} and {@code exitSignal};
   * a non-null {@code cgroupFd} adds CLONE_INTO_CGROUP and, when it is a slot, is stored into
   * the struct by an op before the call.
   */
  public Step clone3(long flags, long exitSignal, Operand cgroupFd) {
    Arg cgroup = cgroupFd == null ? null : arg(cgroupFd);
    long allFlags = cgroup == null ? flags : flags | constant(CLONE_INTO_CGROUP);
    Arg.BlobRef args = structs.cloneArgs(allFlags, exitSignal, cgroup);
    if (cgroup != null && !(cgroup instanceof Arg.Immediate)) {
      store(cgroup, KernelStructs.field(args, KernelStructs.CLONE_ARGS_CGROUP,
          "clone_args.cgroup"), 8);
    }
    return call(Syscall.CLONE3, "clone3 " + Formats.NAMESPACES.format(allFlags, arch), args,
        Arg.of(constant(SIZEOF_STRUCT_CLONE_ARGS)));
  }

  public Step execve(String path, List<String> argv, List<String> envp) {
    return call(Syscall.EXECVE, "execute " + path, string(path), stringArray(argv),
        stringArray(envp));
  }

  public Step kill(Operand pid, long signal) {
    return call(Syscall.KILL, "send " + Formats.SIGNAL.format(signal, arch) + " to " + show(pid),
        arg(pid), imm(signal, Formats.SIGNAL));
  }

  public Step setsid() {
    return call(Syscall.SETSID, "start a new session");
  }

  // ---------------------------------------------------------------- credentials and limits

  public Step prctl(ArchConstant option, long arg2, long arg3, long arg4, long arg5) {
    return call(Syscall.PRCTL, "prctl " + option,
        imm(arch.constant(option), Formats.PRCTL_OPTION), Arg.of(arg2), Arg.of(arg3),
        Arg.of(arg4), Arg.of(arg5));
  }

  public Step setNoNewPrivs() {
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0).describedAs("set no_new_privs");
  }

  public Step setKeepCaps(boolean keep) {
    return prctl(PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0)
        .describedAs((keep ? "keep" : "drop") + " capabilities across setuid");
  }

  /**
   * PR_SET_DUMPABLE: a process that is not dumpable cannot be reached through /proc/PID (its
   * fds, memory, exe) by processes of its user without CAP_SYS_PTRACE; execve makes the new
   * program dumpable again.
   */
  public Step setDumpable(boolean dumpable) {
    return prctl(PR_SET_DUMPABLE, dumpable ? 1 : 0, 0, 0, 0)
        .describedAs(dumpable ? "become dumpable" : "become non-dumpable");
  }

  public Step setChildSubreaper() {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0).describedAs("become child subreaper");
  }

  public Step setParentDeathSignal(long signal) {
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0)
        .describedAs("get " + Formats.SIGNAL.format(signal, arch) + " when the parent dies");
  }

  /** Drops capability number {@code capability} from the bounding set. */
  public Step dropBoundingCapability(int capability) {
    return prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
        .describedAs("drop capability " + capability + " from the bounding set");
  }

  public Step raiseAmbientCapability(int capability) {
    return prctl(PR_CAP_AMBIENT, constant(PR_CAP_AMBIENT_RAISE), capability, 0, 0)
        .describedAs("raise ambient capability " + capability);
  }

  /** capset, version 3: each set is a 64-bit mask with capability n at bit n. */
  public Step capset(long effective, long permitted, long inheritable) {
    return call(Syscall.CAPSET, "set capabilities", structs.capHeader(),
        structs.capData(effective, permitted, inheritable));
  }

  /** setresuid; -1 leaves an id unchanged. */
  public Step setresuid(long ruid, long euid, long suid) {
    return call(Syscall.SETRESUID, "set user ids " + ruid + "/" + euid + "/" + suid,
        Arg.of(ruid), Arg.of(euid), Arg.of(suid));
  }

  /** setresgid; -1 leaves an id unchanged. */
  public Step setresgid(long rgid, long egid, long sgid) {
    return call(Syscall.SETRESGID, "set group ids " + rgid + "/" + egid + "/" + sgid,
        Arg.of(rgid), Arg.of(egid), Arg.of(sgid));
  }

  public Step setgroups(long... gids) {
    Arg.BlobRef list = structs.gids(gids);
    return call(Syscall.SETGROUPS, "set supplementary groups " + list.shown(),
        Arg.of(gids.length), list);
  }

  /** prlimit64 on this process; {@link #UNLIMITED} is RLIM_INFINITY. */
  public Step prlimit(ArchConstant resource, long soft, long hard) {
    return call(Syscall.PRLIMIT64, "set " + resource + " to " + KernelStructs.limitText(soft)
        + "/" + KernelStructs.limitText(hard), Arg.of(0),
        imm(arch.constant(resource), Formats.RLIMIT), structs.rlimit(soft, hard),
        Arg.nullPointer());
  }

  /**
   * seccomp(2) with {@code filter} as its {@code struct sock_fprog}; with
   * SECCOMP_FILTER_FLAG_NEW_LISTENER the step's slot is the notification fd.
   */
  public Step seccomp(long operation, long flags, List<SockFilter> filter) {
    return call(Syscall.SECCOMP, "install a seccomp filter of " + filter.size() + " instructions",
        imm(operation, Formats.SECCOMP_OPERATION), imm(flags, Formats.SECCOMP_FLAGS),
        structs.sockFprog(filter));
  }

  public Step setpriority(int which, int who, int priority) {
    return call(Syscall.SETPRIORITY, "set priority " + priority, Arg.of(which), Arg.of(who),
        Arg.of(priority));
  }

  /** sched_setattr on this process with a {@code struct sched_attr} of the given fields. */
  public Step schedSetattr(long policy, long flags, int nice, int priority, long runtime,
      long deadline, long period) {
    return call(Syscall.SCHED_SETATTR, "set scheduler " + Formats.SCHED_POLICY.format(policy,
        arch), Arg.of(0), structs.schedAttr(policy, flags, nice, priority, runtime, deadline,
        period), Arg.of(0));
  }

  public Step schedSetaffinity(BitSet cpus) {
    return call(Syscall.SCHED_SETAFFINITY, "set CPU affinity " + cpus, Arg.of(0),
        Arg.of(KernelStructs.maskBytes(cpus)), structs.bitmask(cpus));
  }

  public Step ioprioSet(int which, int who, int ioprio) {
    return call(Syscall.IOPRIO_SET, "set I/O priority " + ioprio, Arg.of(which), Arg.of(who),
        Arg.of(ioprio));
  }

  public Step personality(long persona) {
    return call(Syscall.PERSONALITY, "set personality 0x" + Long.toHexString(persona),
        imm(persona, ValueFormat.HEX));
  }

  /** set_mempolicy; the kernel counts maxnode one past the last node bit, hence the +1. */
  public Step setMempolicy(long mode, BitSet nodes) {
    return call(Syscall.SET_MEMPOLICY, "set memory policy " + Formats.MEMPOLICY.format(mode, arch),
        imm(mode, Formats.MEMPOLICY), structs.bitmask(nodes),
        Arg.of(KernelStructs.maskBytes(nodes) * 8L + 1));
  }

  /** Joins a new session keyring named {@code name} (null: an anonymous one). */
  public Step joinSessionKeyring(String name) {
    return call(Syscall.KEYCTL, "join a new session keyring" + (name == null ? "" : " " + name),
        new Arg.Immediate(KEYCTL_JOIN_SESSION_KEYRING,
            (value, arch) -> "KEYCTL_JOIN_SESSION_KEYRING"),
        optionalString(name));
  }

  // ---------------------------------------------------------------- building

  public InitProgram build() {
    List<Op> ops = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      ops.add(drafts.get(i).toOp(i));
    }
    return new InitProgram(arch, ops, blob.bytes(), blob.relocations());
  }

  void setPolicy(int index, ErrorPolicy policy) {
    Draft draft = drafts.get(index);
    if (!draft.code.canFail()) {
      throw new IllegalStateException(
          "op " + index + " (" + draft.description + ") cannot fail, so it tolerates nothing");
    }
    draft.policy = policy;
  }

  void setDescription(int index, String description) {
    drafts.get(index).description = Objects.requireNonNull(description, "description");
  }

  private Step call(Syscall syscall, String description, Arg... args) {
    return emit(OpCode.SYSCALL, syscall, arch.syscall(syscall), description, args);
  }

  private Step emit(OpCode code, Syscall syscall, int param, String description, Arg... args) {
    int index = drafts.size();
    if (index == ProgramFormat.MAX_OPS) {
      throw new IllegalStateException("a program has at most " + ProgramFormat.MAX_OPS + " ops");
    }
    for (Arg arg : args) {
      if (arg instanceof Arg.SlotRef slot && slot.index() >= index) {
        throw new IllegalArgumentException(
            "op " + index + " (" + description + ") refers to the result of op " + slot.index()
                + ", which does not come before it");
      }
    }
    drafts.add(new Draft(code, syscall, param, List.of(args), description));
    return new Step(this, index);
  }

  private Arg.Immediate imm(long value, ValueFormat format) {
    return new Arg.Immediate(value, format);
  }

  private Arg optionalString(String text) {
    return text == null ? Arg.nullPointer() : string(text);
  }

  private static int checkWidth(int width) {
    if (width != 1 && width != 4 && width != 8) {
      throw new IllegalArgumentException("loads and stores are 1, 4 or 8 bytes wide, not " + width);
    }
    return width;
  }

  private void checkOwner(InitProgramBuilder owner, String what) {
    if (owner != this) {
      throw new IllegalArgumentException(what + " belongs to another program");
    }
  }

  /** The operand as an argument; the result of another builder's op is refused. */
  private Arg arg(Operand operand) {
    if (operand instanceof Step step) {
      checkOwner(step.owner(), "the result of op " + step.index());
    }
    return operand.asArg();
  }

  /** An operand as a rendered program shows it. */
  private String show(Operand operand) {
    return ProgramRenderer.show(arg(operand), arch);
  }

  /** An op while the program is being built: jump targets and overrides still change. */
  private static final class Draft {
    final OpCode code;
    final Syscall syscall;
    final int param;
    final List<Arg> args;
    ErrorPolicy policy = ErrorPolicy.FAIL;
    String description;
    Label target;

    Draft(OpCode code, Syscall syscall, int param, List<Arg> args, String description) {
      this.code = code;
      this.syscall = syscall;
      this.param = param;
      this.args = args;
      this.description = description;
    }

    Op toOp(int index) {
      List<Arg> finalArgs = args;
      if (target != null) {
        finalArgs = new ArrayList<>(args);
        finalArgs.set(2, Arg.of(target.target()));
      }
      return new Op(index, code, syscall, param, finalArgs, policy, description);
    }
  }
}
