package io.capsa.sys.ffm;

import io.capsa.sys.ChildStatus;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.MountAttr;
import io.capsa.sys.OpenHow;
import io.capsa.sys.Pipe;
import io.capsa.sys.ReceivedMessage;
import io.capsa.sys.SocketPair;
import io.capsa.sys.SpawnRequest;
import io.capsa.sys.SpawnedProcess;
import io.capsa.sys.StatFs;
import io.capsa.sys.Statx;
import io.capsa.sys.Syscall;
import io.capsa.sys.SyscallException;
import io.capsa.sys.Termios;
import io.capsa.sys.TermiosAction;
import io.capsa.sys.Uname;
import io.capsa.sys.UnixAddress;
import io.capsa.sys.WindowSize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link HostSyscalls} with java.lang.foreign. Each concern lives in its own class of static
 * calls; this one checks that native access is granted and hands every call to the class that
 * makes it. A class's struct layouts and downcall handles are made when it is first called
 * (the JVM initialises a class at its first use), so a command pays only for the calls it
 * makes: {@code capsa state} never builds what spawning or the mount API needs.
 */
public final class FfmHostSyscalls implements HostSyscalls {
  /**
   * Fails unless this module may make downcalls: without --enable-native-access the JDK would
   * print a warning at the first one (or refuse it), and Capsa must not print.
   */
  public FfmHostSyscalls() {
    Module module = FfmHostSyscalls.class.getModule();
    if (!module.isNativeAccessEnabled()) {
      String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
      throw new UnsupportedOperationException(
          "Capsa's host system calls need native access: start java with --enable-native-access="
              + name);
    }
  }

  @Override
  public Fd memfdCreate(String name, int flags) {
    return DescriptorCalls.memfdCreate(this, name, flags);
  }

  @Override
  public void addSeals(Fd memfd, int seals) {
    DescriptorCalls.addSeals(memfd, seals);
  }

  @Override
  public int getSeals(Fd memfd) {
    return DescriptorCalls.getSeals(memfd);
  }

  @Override
  public int getFdFlags(Fd fd) {
    return DescriptorCalls.getFdFlags(fd);
  }

  @Override
  public void setFdFlags(Fd fd, int flags) {
    DescriptorCalls.setFdFlags(fd, flags);
  }

  @Override
  public Pipe pipe2(int flags) {
    return DescriptorCalls.pipe2(this, flags);
  }

  @Override
  public int read(Fd fd, byte[] buffer, int offset, int length) {
    return DescriptorCalls.read(fd, buffer, offset, length);
  }

  @Override
  public int write(Fd fd, byte[] data, int offset, int length) {
    return DescriptorCalls.write(fd, data, offset, length);
  }

  @Override
  public void close(int fd) {
    DescriptorCalls.close(fd);
  }

  @Override
  public Fd openat2(Fd dir, String path, OpenHow how) {
    return PathCalls.openat2(this, dir, path, how);
  }

  @Override
  public void mkdirat(Fd dir, String path, int mode) {
    PathCalls.mkdirat(dir, path, mode);
  }

  @Override
  public void unlinkat(Fd dir, String path, int flags) {
    PathCalls.unlinkat(dir, path, flags);
  }

  @Override
  public String readlinkat(Fd dir, String path) {
    return PathCalls.readlinkat(dir, path);
  }

  @Override
  public StatFs fstatfs(Fd fd) {
    return PathCalls.fstatfs(fd);
  }

  @Override
  public Statx statx(Fd dir, String path, int flags, int mask) {
    return PathCalls.statx(dir, path, flags, mask);
  }

  @Override
  public SocketPair socketpair(int domain, int type, int protocol) {
    return SocketCalls.socketpair(this, domain, type, protocol);
  }

  @Override
  public int sendmsg(Fd socket, byte[] data, List<Fd> fds) {
    return SocketCalls.sendmsg(socket, data, fds);
  }

  @Override
  public ReceivedMessage recvmsg(Fd socket, byte[] buffer, int maxFds) {
    return SocketCalls.recvmsg(this, socket, buffer, maxFds);
  }

  @Override
  public Fd socket(int domain, int type, int protocol) {
    return DatagramCalls.socket(this, domain, type, protocol);
  }

  @Override
  public void bind(Fd socket, UnixAddress address) {
    DatagramCalls.bind(socket, address);
  }

  @Override
  public void connect(Fd socket, UnixAddress address) {
    DatagramCalls.connect(socket, address);
  }

  @Override
  public int poll(Fd fd, int events, Duration timeout) {
    return DatagramCalls.poll(fd, events, timeout);
  }

  @Override
  public Fd openTree(Fd dir, String path, int flags) {
    return MountCalls.openTree(this, dir, path, flags);
  }

  @Override
  public void moveMount(Fd fromDir, String fromPath, Fd toDir, String toPath, int flags) {
    MountCalls.moveMount(fromDir, fromPath, toDir, toPath, flags);
  }

  @Override
  public Fd fsopen(String fsName, int flags) {
    return MountCalls.fsopen(this, fsName, flags);
  }

  @Override
  public void fsconfig(Fd fsContext, int command, String key, String value, int aux) {
    MountCalls.fsconfig(fsContext, command, key, value, aux);
  }

  @Override
  public Fd fsmount(Fd fsContext, int flags, long attrFlags) {
    return MountCalls.fsmount(this, fsContext, flags, attrFlags);
  }

  @Override
  public void mountSetattr(Fd dir, String path, int flags, MountAttr attr) {
    MountCalls.mountSetattr(dir, path, flags, attr);
  }

  @Override
  public void umount2(String target, int flags) {
    MountCalls.umount2(target, flags);
  }

  @Override
  public Fd bpfProgLoad(int programType, byte[] instructions, String license, String name) {
    return BpfCalls.progLoad(this, programType, instructions, license, name);
  }

  @Override
  public void bpfProgAttach(Fd target, Fd program, int attachType, int flags) {
    BpfCalls.progAttach(target, program, attachType, flags);
  }

  @Override
  public void bpfProgDetach(Fd target, Fd program, int attachType) {
    BpfCalls.progDetach(target, program, attachType);
  }

  @Override
  public List<Integer> bpfProgQuery(Fd target, int attachType) {
    return BpfCalls.progQuery(target, attachType);
  }

  @Override
  public Fd bpfProgGetFdById(int id) {
    return BpfCalls.progGetFdById(this, id);
  }

  @Override
  public boolean isTerminal(Fd fd) {
    return TerminalCalls.isTerminal(fd);
  }

  @Override
  public Termios tcgetattr(Fd fd) {
    return TerminalCalls.tcgetattr(fd);
  }

  @Override
  public void tcsetattr(Fd fd, TermiosAction action, Termios mode) {
    TerminalCalls.tcsetattr(fd, action, mode);
  }

  @Override
  public WindowSize windowSize(Fd fd) {
    return TerminalCalls.windowSize(fd);
  }

  @Override
  public void setWindowSize(Fd fd, WindowSize size) {
    TerminalCalls.setWindowSize(fd, size);
  }

  /**
   * Spawns, then opens the pidfd at once. Should that fail (EMFILE, ...), the child is killed
   * and reaped by its pid — still safe, since an unreaped pid cannot have been reused — rather
   * than left running with no way to supervise it.
   */
  @Override
  public SpawnedProcess spawn(SpawnRequest request) {
    int pid = PosixSpawner.spawn(request);
    try {
      return new SpawnedProcess(pid, ProcessCalls.pidfdOpen(this, pid));
    } catch (SyscallException e) {
      try {
        ProcessCalls.killUnreaped(pid);
      } catch (SyscallException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public Fd pidfdOpen(int pid) {
    return ProcessCalls.pidfdOpen(this, pid);
  }

  @Override
  public void pidfdSendSignal(Fd pidfd, int signal) {
    ProcessCalls.pidfdSendSignal(pidfd, signal);
  }

  @Override
  public Optional<ChildStatus> waitid(Fd pidfd, int options) {
    return ProcessCalls.waitid(pidfd, options);
  }

  @Override
  public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
    return ProcessCalls.prctl(option, arg2, arg3, arg4, arg5);
  }

  @Override
  public Uname uname() {
    return ProcessCalls.uname();
  }

  @Override
  public int getuid() {
    return ProcessCalls.id(Syscall.GETUID);
  }

  @Override
  public int geteuid() {
    return ProcessCalls.id(Syscall.GETEUID);
  }

  @Override
  public int getgid() {
    return ProcessCalls.id(Syscall.GETGID);
  }

  @Override
  public int getegid() {
    return ProcessCalls.id(Syscall.GETEGID);
  }
}
